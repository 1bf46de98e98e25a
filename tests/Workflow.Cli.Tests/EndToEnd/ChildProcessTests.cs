using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

/// <summary>The real executable, <c>dotnet wf.dll</c>, with its own console detection and exit codes.</summary>
[Collection(HostCollection.Name)]
public sealed class ChildProcessTests(HostFixture fixture) : EndToEndTest(fixture)
{
    private Dictionary<string, string?> Environment(string? term) => new()
    {
        ["WF_SERVER"] = Host.BaseAddress.ToString(),
        ["XDG_CONFIG_HOME"] = ConfigDirectory,
        ["HOME"] = ConfigDirectory,
        ["TERM"] = term,
        ["WF_TOKEN"] = null,
    };

    private Task<CliResult> WfAsync(string? term, params string[] args) =>
        ChildProcess.RunAsync("dotnet", [RepoPaths.CliAssembly(), .. args], Environment(term), TimeSpan.FromMinutes(3));

    [Theory]
    [InlineData("xterm-256color")]
    [InlineData("dumb")]
    public async Task Trigger_and_watch_with_redirected_output_print_plain_lines_and_exit_zero(string term)
    {
        // Arrange
        Assert.Equal(0, (await WfAsync(term, "login", "--dev", "--user", "alice", "--groups", "data-eng")).ExitCode);
        Assert.Equal(0, (await WfAsync(term, "pipelines", "apply", "-f", PipelineCopy("etl.json", out var id))).ExitCode);

        // Act
        var result = await WfAsync(term, "runs", "trigger", id, "--watch");

        // Assert: plain lines only, no cursor movement or colour codes.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.Contains("[100%] succeeded: 3/3 tasks done", result.Out, StringComparison.Ordinal);
        Assert.Contains("3 succeeded, 0 failed", Lines(result.Out)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tables_written_to_a_pipe_carry_no_colour_codes_even_on_a_colour_terminal()
    {
        Assert.Equal(0, (await WfAsync("xterm-256color", "login", "--dev", "--user", "alice", "--groups", "data-eng")).ExitCode);
        Assert.Equal(0, (await WfAsync("xterm-256color", "pipelines", "apply", "-f", PipelineCopy("etl.json", out var id))).ExitCode);

        var pipelines = await WfAsync("xterm-256color", "pipelines", "list");

        Assert.True(pipelines.ExitCode == 0, pipelines.ToString());
        Assert.Contains(id, pipelines.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', pipelines.Out);
    }

    [Fact]
    public async Task The_executable_exits_with_the_unreachable_code_and_names_the_URL_when_nothing_listens()
    {
        var result = await ChildProcess.RunAsync("dotnet", [RepoPaths.CliAssembly(), "runs", "list", "--server", "http://127.0.0.1:9"],
            Environment("dumb"), TimeSpan.FromMinutes(2));

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.StartsWith("error: Cannot reach the Workflow server at http://127.0.0.1:9/", result.Error, StringComparison.Ordinal);
    }
}
