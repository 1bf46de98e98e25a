using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Runtime;

public sealed class LeaseTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task An_expired_lease_is_delivered_again_and_the_late_completion_is_ignored()
    {
        // Arrange: a lease no delivery outlives by accident on a loaded machine, on a clock the test moves.
        var clock = new FakeTimeProvider(Start);
        var stall = new StallingHandler();
        await using var engine = await TestEngine.StartAsync(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<ITaskHandler>(stall);
            },
            options: o => o.LeaseDuration = Lease);
        var pipeline = Pipelines.Define("lease", new TaskDefinition { Id = "slow", Kind = "stall" });
        var run = await engine.StartRunAsync(pipeline);
        await Poll.UntilAsync(() => stall.Deliveries == 1, "the first delivery to hang");

        // Act: the first delivery's lease runs out with no heartbeat. The clock moves on a second at a time until the
        // lease keeper has seen it, in case its wait began after the first step.
        clock.Advance(Lease);
        await Poll.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return engine.Logs.Has(Log.Ids.LeaseExpired);
        }, "the lease keeper to take the lease back");
        var status = await engine.WaitAsync(run.RunId);
        stall.ReleaseFirst.SetResult();
        await Poll.UntilAsync(() => engine.Logs.Has(Log.Ids.LateCompletionIgnored), "the late completion to be logged as ignored");

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
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

        public int Deliveries => Volatile.Read(ref _deliveries);

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
