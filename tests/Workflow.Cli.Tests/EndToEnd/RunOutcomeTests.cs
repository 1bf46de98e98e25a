using System.Text.Json.Nodes;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class RunOutcomeTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [Fact]
    public async Task Watching_a_failing_run_names_the_failed_task_and_exits_with_the_run_failed_code()
    {
        // Arrange
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("failing.json", out var id));

        // Act
        var result = await Cli.RunAsync("runs", "trigger", id, "--watch");

        // Assert
        Assert.True(result.ExitCode == ExitCodes.RunNotSucceeded, result + Host.Output);
        Assert.Contains("explode failed", result.Out, StringComparison.Ordinal);
        Assert.Contains("disk full", result.Out, StringComparison.Ordinal);
        Assert.Contains("after skipped", result.Out, StringComparison.Ordinal);
        Assert.Contains(Lines(result.Out), l => l.StartsWith($"Run {id}@", StringComparison.Ordinal)
            && l.Contains(" failed in ", StringComparison.Ordinal) && l.EndsWith("0 succeeded, 1 failed, 1 skipped, 0 cancelled.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rerun_starts_a_new_run_of_the_failed_one_and_show_names_its_origin()
    {
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("failing.json", out var id));
        var first = await TriggerAsync(id);
        Assert.Equal(ExitCodes.RunNotSucceeded, (await Cli.RunAsync("watch", first)).ExitCode);

        var rerun = await SucceedsAsync("runs", "rerun", first);

        var newRun = Lines(rerun)[0].Split(' ')[2];
        Assert.Equal($"Started run {newRun} (rerun of {first}).", Lines(rerun)[0]);
        Assert.NotEqual(first, newRun);
        Assert.Equal(ExitCodes.RunNotSucceeded, (await Cli.RunAsync("watch", newRun)).ExitCode);
        Assert.Contains($"Rerun of  {first}", await SucceedsAsync("runs", "show", newRun), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_follow_prints_a_growing_log_to_its_end_and_cancel_stops_the_run()
    {
        // Arrange: 'ticker' prints a line a second for three seconds; 'wait' would sleep for five minutes.
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("slow.json", out var id));
        var runId = await TriggerAsync(id);

        // Act: follow waits for the first attempt, then polls from its last offset until the attempt is complete.
        var follow = await SucceedsAsync("logs", runId, "ticker", "--follow");
        await WaitForTaskAsync(runId, "wait", "running");
        var cancel = await SucceedsAsync("runs", "cancel", runId);
        var watch = await Cli.RunAsync("watch", runId);

        // Assert
        Assert.Equal("tick 1\ntick 2\ntick 3\n", follow);
        Assert.Equal($"Cancellation of run {runId} requested.", cancel.Trim());
        Assert.Equal(ExitCodes.RunNotSucceeded, watch.ExitCode);
        Assert.Contains($"Run {runId} cancelled in", watch.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspend_holds_the_next_task_until_resume_and_show_and_list_say_suspended()
    {
        // Arrange: 'ticker' runs for three seconds; 'wait' after it would sleep for five minutes.
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("slow.json", out var id));
        var runId = await TriggerAsync(id);

        // Act: suspended while 'ticker' runs, it finishes, and 'wait' starts only after the resume.
        var suspend = await SucceedsAsync("runs", "suspend", runId, "--reason", "maintenance");
        var again = await SucceedsAsync("runs", "suspend", runId);
        await WaitForTaskAsync(runId, "ticker", "succeeded");
        var show = await SucceedsAsync("runs", "show", runId);
        var list = await SucceedsAsync("runs", "list", "--pipeline", id, "--status", "suspended");
        var resume = await SucceedsAsync("runs", "resume", runId);
        await WaitForTaskAsync(runId, "wait", "running");
        await SucceedsAsync("runs", "cancel", runId);

        // Assert
        Assert.Equal($"Run {runId} suspended: no new task starts until: wf runs resume {runId}", suspend.Trim());
        Assert.Equal($"Run {runId} was already suspended.", again.Trim());
        Assert.Contains("Status    suspended (manual)", show, StringComparison.Ordinal);
        Assert.DoesNotContain(Lines(show), l => l.StartsWith("wait ", StringComparison.Ordinal)
                                                && l.Contains("running", StringComparison.Ordinal));
        Assert.Contains(runId, list, StringComparison.Ordinal);
        Assert.Equal($"Run {runId} resumed.", resume.Trim());
    }

    [Fact]
    public async Task Watch_takes_its_first_ETA_from_the_servers_history_when_the_definition_sets_no_expected_duration()
    {
        // Arrange: a task with no expectedDuration, run once so that the server has its duration.
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("tiny.json", out var id,
            json => json["tasks"]![0]!["config"] = new JsonObject { ["command"] = "sleep", ["args"] = new JsonArray("1") }));
        var firstRun = await Cli.RunAsync("watch", await TriggerAsync(id));
        Assert.True(firstRun.ExitCode == 0, firstRun.ToString());

        // Act
        var watch = await Cli.RunAsync("runs", "trigger", id, "--watch");

        // Assert: the first progress line, before this run finished anything, already has an ETA.
        Assert.True(watch.ExitCode == 0, watch.ToString());
        var first = Lines(watch.Out).First(l => l.StartsWith('['));
        Assert.Contains("ETA", first, StringComparison.Ordinal);
        Assert.DoesNotContain("ETA unknown", watch.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_shows_the_servers_critical_path_and_takes_its_ETA_from_it()
    {
        // Arrange: a (expected 1h, runs about a second) then b (expected 2h): the server projects about 3h along a, b.
        await LoginAsync();
        var id = $"cli-eta-{Guid.NewGuid().ToString("N")[..10]}";
        var pipeline = WritePipeline(JsonNode.Parse($$"""
            { "id": "{{id}}", "ownerGroup": "data-eng", "tasks": [
              { "id": "a", "kind": "process", "expectedDuration": "1h", "config": { "command": "sleep", "args": ["1"] } },
              { "id": "b", "kind": "process", "expectedDuration": "2h", "dependsOn": ["a"], "config": { "command": "true" } } ] }
            """)!.AsObject());
        await SucceedsAsync("pipelines", "apply", "-f", pipeline);

        // Act
        var watch = await Cli.RunAsync("runs", "trigger", id, "--watch");

        // Assert: the first progress line has the server's ETA (3h less what a has run), then the path.
        Assert.True(watch.ExitCode == 0, watch.ToString());
        var lines = Lines(watch.Out);
        var first = Array.FindIndex(lines, l => l.StartsWith('['));
        Assert.Matches(@" - ETA (2h59m|3h00m)$", lines[first]);
        Assert.Contains("critical path: a -> b", lines);
    }

    [Fact]
    public async Task Logs_of_a_task_the_run_does_not_have_is_a_clear_404()
    {
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("etl.json", out var id));
        var runId = await TriggerAsync(id);

        var result = await Cli.RunAsync("logs", runId, "no-such-task");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("no-such-task", Lines(result.Error)[0], StringComparison.Ordinal);
        Assert.Contains("(HTTP 404", Lines(result.Error)[0], StringComparison.Ordinal);
    }

    private Task WaitForTaskAsync(string runId, string task, string status) =>
        Poll.GetAsync(() => SucceedsAsync("runs", "show", runId),
            show => Lines(show).Any(l => l.StartsWith(task + " ", StringComparison.Ordinal)
                                         && l.Contains(status, StringComparison.Ordinal)),
            $"{task} to reach {status}", TimeSpan.FromMinutes(2), show => "\n" + show);
}
