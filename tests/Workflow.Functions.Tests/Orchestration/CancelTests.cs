using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class CancelTests(AzuriteFixture azurite)
{
    /// <remarks>
    /// Durable cannot stop the running attempt: the run is cancelled at once, and its instance completes when that
    /// attempt returns (here, when the test lets it).
    /// </remarks>
    [Fact]
    public async Task Cancelling_through_the_service_reaches_the_run_as_an_external_event_and_ends_it_cancelled()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "cancel");
        await host.UpsertAsync(Pipeline("cancel",
            Code("hang", TestHandlers.Gate),
            Code("after", TestHandlers.Count, null, "hang")));
        await host.StartAsync("cancel", "cancel@1");
        await Poll.UntilAsync(() => host.Handlers.AtGate.ContainsKey("cancel@1/hang/1"), "the task to start");

        // Act
        var accepted = await host.Workflow.CancelRunAsync("cancel@1", "test", "no longer needed", CancellationToken.None);
        await Poll.UntilAsync(async () =>
            (await host.Workflow.GetRunAsync("cancel@1", CancellationToken.None))?.Run.Status == RunStatus.Cancelled,
            "the run to be cancelled");
        var againWhileTheAttemptHangs =
            await host.Workflow.CancelRunAsync("cancel@1", "test", "again", CancellationToken.None);
        host.Handlers.OpenGate();
        var run = await host.CompletedAsync("cancel@1");

        // Assert
        Assert.True(accepted);
        Assert.Equal(RunStatus.Cancelled, run.Run.Status);
        Assert.Equal(0, host.Handlers.CountFor("cancel@1", "after", 1));
        Assert.False(againWhileTheAttemptHangs);
        Assert.False(await host.Workflow.CancelRunAsync("cancel@1", "test", "once more", CancellationToken.None));
    }
}
