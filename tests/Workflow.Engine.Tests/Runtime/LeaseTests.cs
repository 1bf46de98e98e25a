using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Runtime;

public sealed class LeaseTests
{
    [Fact]
    public async Task An_expired_lease_is_delivered_again_and_the_late_completion_is_ignored()
    {
        // Arrange
        var stall = new StallingHandler();
        await using var engine = await TestEngine.StartAsync(
            s => s.AddSingleton<ITaskHandler>(stall),
            options: o => o.LeaseDuration = TimeSpan.FromMilliseconds(300));
        var pipeline = Pipelines.Define("lease", new TaskDefinition { Id = "slow", Kind = "stall" });

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);
        stall.ReleaseFirst.SetResult();
        await Poll.UntilAsync(() => engine.Logs.Has(Log.Ids.LateCompletionIgnored), "the late completion to be logged as ignored");

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.True(engine.Logs.Has(Log.Ids.LeaseExpired), "the expiry is logged");
        var attempt = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None));
        Assert.Equal(Execution.TaskStatus.Succeeded, attempt.Status);
        Assert.Equal("second", attempt.Output?.GetString());
        Assert.Equal([$"{run.RunId}/slow/1", $"{run.RunId}/slow/1"], stall.Keys);
    }

    /// <summary>Hangs on its first delivery without heartbeating, answers at once on the next.</summary>
    private sealed class StallingHandler : ITaskHandler
    {
        private int _deliveries;

        public TaskCompletionSource ReleaseFirst { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Keys { get; } = [];

        public string Kind => "stall";

        public bool HeartbeatsItself => true;

        public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
        {
            lock (Keys)
            {
                Keys.Add(context.IdempotencyKey);
            }

            if (Interlocked.Increment(ref _deliveries) == 1)
            {
                await ReleaseFirst.Task;
                return TaskOutcome.Success(JsonSerializer.SerializeToElement("first"));
            }

            return TaskOutcome.Success(JsonSerializer.SerializeToElement("second"));
        }
    }
}
