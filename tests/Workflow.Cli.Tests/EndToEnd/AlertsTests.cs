using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class AlertsTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [Fact]
    public async Task A_failed_runs_alerts_are_listed_with_their_ids_and_one_can_be_acknowledged()
    {
        // Arrange: a run whose only real task fails raises task-failed and run-failed alerts.
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("failing.json", out var id));
        var runId = await TriggerAsync(id);
        Assert.Equal(ExitCodes.RunNotSucceeded, (await Cli.RunAsync("watch", runId)).ExitCode);
        var runFailed = $"{runId}/run-failed";

        // Act
        var listed = await Poll.GetAsync(() => SucceedsAsync("alerts", "list", "--pipeline", id),
            text => text.Contains(runFailed, StringComparison.Ordinal), "the run-failed alert in wf alerts list");
        var acked = await SucceedsAsync("alerts", "ack", runFailed);
        var afterAck = await SucceedsAsync("alerts", "list", "--pipeline", id, "--status", "acked");
        var open = await SucceedsAsync("alerts", "list", "--pipeline", id, "--status", "open");
        var missing = await Cli.RunAsync("alerts", "ack", $"{runId}/no-such-alert");

        // Assert
        var lines = Lines(listed);
        var header = Assert.Single(lines, l => l.EndsWith(runFailed, StringComparison.Ordinal));
        Assert.Contains("critical  run-failed", header, StringComparison.Ordinal);
        Assert.Contains("(open)", header, StringComparison.Ordinal);
        Assert.Contains("'explode'", lines[Array.IndexOf(lines, header) + 1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EndsWith($"{runId}/task-failed/explode", StringComparison.Ordinal));
        Assert.Equal($"Acknowledged {runFailed}.", acked.Trim());
        var ackedLine = Assert.Single(Lines(afterAck), l => l.EndsWith(runFailed, StringComparison.Ordinal));
        Assert.Contains("(acked by alice)", ackedLine, StringComparison.Ordinal);
        Assert.DoesNotContain(runFailed, open, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Error, missing.ExitCode);
        Assert.Contains("404", missing.Error, StringComparison.Ordinal);
    }
}
