using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class TimeoutTests(AzuriteFixture azurite)
{
    /// <remarks>
    /// Durable cannot stop an activity, and an orchestration completes only once none is outstanding: the run is
    /// failed as soon as the timer wins, and its instance completes when the hung attempt finally returns, whose
    /// late success changes nothing.
    /// </remarks>
    [Fact]
    public async Task A_timeout_timer_that_fires_first_fails_the_run_while_its_worker_still_hangs()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "timeout-wins");
        await host.UpsertAsync(Pipeline("hang",
            Code("hang", TestHandlers.Gate) with { Timeout = TimeSpan.FromSeconds(1) },
            Code("after", TestHandlers.Count, null, "hang")));

        // Act
        await host.StartAsync("hang", "hang@1");
        await Poll.UntilAsync(async () =>
            (await host.Workflow.GetRunAsync("hang@1", CancellationToken.None))?.Run.Status == RunStatus.Failed,
            "the run to fail");
        var hungMeanwhile = host.Handlers.AtGate.ContainsKey("hang@1/hang/1");
        host.Handlers.OpenGate();
        var run = await host.CompletedAsync("hang@1");

        // Assert
        Assert.True(hungMeanwhile, "The worker should still have been inside the handler when the run failed.");
        Assert.Equal(RunStatus.Failed, run.Run.Status);
        Assert.Equal(1, run.Run.Summary?.Failed);
        Assert.Equal(0, host.Handlers.CountFor("hang@1", "after", 1));
    }

    [Fact]
    public async Task A_task_that_finishes_within_its_timeout_succeeds_and_its_timer_does_not_hold_the_run()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "timeout-loses");
        await host.UpsertAsync(Pipeline("quick",
            Code("quick", TestHandlers.Count) with { Timeout = TimeSpan.FromMinutes(10) }));

        // Act
        await host.StartAsync("quick", "quick@1");
        var run = await host.CompletedAsync("quick@1", seconds: 60);

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        var attempt = Assert.Single(await host.Workflow.ListAttemptsAsync("quick@1", "quick", CancellationToken.None));
        Assert.Equal(Execution.TaskStatus.Succeeded, attempt.Status);
    }
}
