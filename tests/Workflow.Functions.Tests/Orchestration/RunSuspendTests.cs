using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

/// <summary>Suspend and resume map to Durable's own, on the Durable Task in-process host and Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunSuspendTests(AzuriteFixture azurite)
{
    /// <remarks>
    /// Durable suspends the whole orchestration: the attempt already running finishes (activities are not suspended),
    /// and its result waits in the instance's queue with everything else until the resume.
    /// </remarks>
    [Fact]
    public async Task A_suspended_instance_reads_as_a_suspended_run_and_resuming_it_runs_the_rest()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "run-suspend");
        await host.UpsertAsync(Pipeline("suspend",
            Code("hang", TestHandlers.Gate),
            Code("after", TestHandlers.Count, null, "hang")));
        await host.StartAsync("suspend", "suspend@1");
        await Poll.UntilAsync(() => host.Handlers.AtGate.ContainsKey("suspend@1/hang/1"), "the task to start");

        // Act
        var suspended = await host.Workflow.SuspendRunAsync("suspend@1", "test", "maintenance", CancellationToken.None);
        await Poll.UntilAsync(async () =>
            (await host.Workflow.GetRunAsync("suspend@1", CancellationToken.None))?.Run.Status == RunStatus.Suspended,
            "the run to read as suspended");
        var again = await host.Workflow.SuspendRunAsync("suspend@1", "test", null, CancellationToken.None);
        host.Handlers.OpenGate();
        await Poll.UntilAsync(() => !host.Handlers.AtGate.ContainsKey("suspend@1/hang/1"), "the running attempt to end");
        var whileHeld = await host.Workflow.GetRunAsync("suspend@1", CancellationToken.None);
        var listed = await host.Workflow.ListRunsAsync(
            new Workflow.Services.RunQuery(PipelineId: "suspend", Status: RunStatus.Suspended), CancellationToken.None);
        var resumed = await host.Workflow.ResumeRunAsync("suspend@1", "test", null, CancellationToken.None);
        var run = await host.CompletedAsync("suspend@1");
        var finished = await Assert.ThrowsAsync<ConflictException>(() =>
            host.Workflow.SuspendRunAsync("suspend@1", "test", null, CancellationToken.None).AsTask());

        // Assert
        Assert.True(suspended);
        Assert.False(again);
        Assert.Equal(RunStatus.Suspended, whileHeld!.Run.Status);
        Assert.Equal("suspend@1", Assert.Single(listed.Items).RunId);
        Assert.True(resumed);
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.Equal(1, host.Handlers.CountFor("suspend@1", "after", 1));
        Assert.Contains("already finished (succeeded)", finished.Message, StringComparison.Ordinal);
    }
}
