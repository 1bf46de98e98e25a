using System.CommandLine;
using Workflow.Cli.Commands;
using Workflow.Cli.Rendering;
using Workflow.Contracts;

namespace Workflow.Cli.Tests.Commands;

public sealed class ArgumentParsingTests
{
    private static readonly RootCommand Root = CliCommands.Build(new CliEnvironment(TextWriter.Null, TextWriter.Null,
        CliEnvironment.PlainConsole(TextWriter.Null), _ => null, TimeProvider.System, TerminalInfo.NonInteractive));

    private static ParseResult Parse(string line) => Root.Parse(line);

    [Fact]
    public void Trigger_takes_the_pipeline_repeated_params_and_watch()
    {
        var result = Parse("runs trigger nightly --param day=2024-05-01 -p n=3 --watch --server http://h:1");

        Assert.Empty(result.Errors);
        Assert.Equal("trigger", result.CommandResult.Command.Name);
        Assert.Equal("nightly", result.GetValue<string>("pipeline"));
        Assert.Equal(["day=2024-05-01", "n=3"], result.GetValue<string[]>("--param")!);
        Assert.True(result.GetValue<bool>("--watch"));
        Assert.Equal("http://h:1", result.GetValue<string>("--server"));
    }

    [Fact]
    public void Apply_without_a_file_is_a_parse_error_naming_the_option()
    {
        var result = Parse("pipelines apply");

        Assert.Contains(result.Errors, e => e.Message.Contains("--file", StringComparison.Ordinal));
    }

    [Fact]
    public void Login_accepts_groups_and_roles_space_separated()
    {
        var result = Parse("login --dev --user alice --groups data-eng finance --roles editor");

        Assert.Empty(result.Errors);
        Assert.Equal(["data-eng", "finance"], result.GetValue<string[]>("--groups")!);
        Assert.Equal(["editor"], result.GetValue<string[]>("--roles")!);
    }

    [Theory]
    [InlineData("schedule preview nightly --count 0", "--count must be between 1 and 100")]
    [InlineData("schedule preview nightly --count 101", "--count must be between 1 and 100, the server's limit")]
    [InlineData("logs r1 extract --tail -5", "--tail must be a positive number of bytes")]
    [InlineData("runs list --limit many", "many")]
    [InlineData("schedule preview nightly --count many", "many")]
    [InlineData("logs r1 extract --tail lots", "lots")]
    [InlineData("watch", "Required argument 'run' missing")]
    public void Bad_values_are_parse_errors_with_a_specific_message(string line, string expected)
    {
        var result = Parse(line);

        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Logs_takes_run_task_attempt_and_follow()
    {
        var result = Parse("logs nightly@manual-1 load[3] --attempt 2 --follow");

        Assert.Empty(result.Errors);
        Assert.Equal("load[3]", result.GetValue<string>("task"));
        Assert.Equal(2, result.GetValue<int?>("--attempt"));
        Assert.True(result.GetValue<bool>("--follow"));
    }

    [Fact]
    public void Schedule_preview_takes_as_many_fire_times_as_the_server_gives()
    {
        var result = Parse($"schedule preview nightly --count {SchedulePreviewLimits.MaxCount}");

        Assert.Empty(result.Errors);
        Assert.Equal(100, SchedulePreviewLimits.MaxCount);
    }

    [Fact]
    public void Schedule_preview_counts_ten_by_default()
    {
        var result = Parse("schedule preview nightly");

        Assert.Empty(result.Errors);
        Assert.Equal(10, result.GetValue<int>("--count"));
    }
}
