using System.Text.RegularExpressions;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class RerunFromTaskTests(HostFixture fixture) : EndToEndTest(fixture)
{
    /// <summary>A run of extract → transform → load that succeeded.</summary>
    private async Task<string> SucceededRunAsync()
    {
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("etl.json", out var id));
        var first = await TriggerAsync(id);
        Assert.Equal(ExitCodes.Ok, (await Cli.RunAsync("watch", first)).ExitCode);
        return first;
    }

    [Fact]
    public async Task Rerun_from_a_task_reruns_it_and_what_follows_and_keeps_the_task_before_it()
    {
        // Arrange
        var first = await SucceededRunAsync();

        // Act
        var rerun = await SucceedsAsync("runs", "rerun", first, "--from-task", "transform", "--watch");
        var newRun = Lines(rerun)[0].Split(' ')[2];
        var show = await SucceedsAsync("runs", "show", newRun);

        // Assert: the kept task has no attempt in the new run; the other two ran once.
        Assert.Equal($"Started run {newRun} (rerun of {first} from task transform).", Lines(rerun)[0]);
        Assert.Contains($"Rerun of  {first}", show, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"(?m)^\W*extract\W+succeeded\W+0\W"), show);
        Assert.Matches(new Regex(@"(?m)^\W*transform\W+succeeded\W+1\W"), show);
        Assert.Matches(new Regex(@"(?m)^\W*load\W+succeeded\W+1\W"), show);
    }

    [Fact]
    public async Task Rerun_from_a_task_the_pipeline_does_not_have_fails_naming_the_task()
    {
        var first = await SucceededRunAsync();

        var result = await Cli.RunAsync("runs", "rerun", first, "--from-task", "transfrom");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("has no task 'transfrom'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'transform'?", result.Error, StringComparison.Ordinal);
    }
}
