using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using static Workflow.Functions.Tests.Support.Definitions;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class RetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_failed_attempt_waits_on_a_durable_timer_and_the_retry_succeeds()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "retry");
        var backoff = TimeSpan.FromSeconds(1);
        await host.UpsertAsync(Pipeline("retry", Code("flaky", TestHandlers.Flaky, new { succeedOn = 2 }) with
        {
            Retry = new RetryPolicy { MaxAttempts = 3, InitialDelay = backoff },
        }));

        // Act
        await host.StartAsync("retry", "retry@1");
        var run = await host.CompletedAsync("retry@1");

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        var attempts = await host.Workflow.ListAttemptsAsync("retry@1", "flaky", CancellationToken.None);
        Assert.Collection(attempts.OrderBy(a => a.Attempt),
            first =>
            {
                Assert.Equal(TaskStatus.Failed, first.Status);
                Assert.Equal(ErrorKinds.Network, first.ErrorKind);
            },
            second => Assert.Equal(TaskStatus.Succeeded, second.Status));
        var failedAt = attempts.Single(a => a.Attempt == 1).FinishedAt!.Value;
        var retriedAt = attempts.Single(a => a.Attempt == 2).StartedAt!.Value;
        Assert.True(retriedAt >= failedAt + backoff, $"The retry started at {retriedAt:O}, before its backoff ended.");
        Assert.Equal(1, host.Handlers.CountFor("retry@1", "flaky", 1));
        Assert.Equal(1, host.Handlers.CountFor("retry@1", "flaky", 2));
    }
}
