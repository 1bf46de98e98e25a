using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// An attempt's timeout counts from the start of each delivery, never across the host's downtime, and the attempt it
/// stops records which timeout it ran past.
/// </summary>
public sealed class RedeliveryTimeoutTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Downtime_longer_than_the_timeout_does_not_time_out_the_redelivered_attempt()
    {
        // Arrange: a 20 s timeout on a task whose first delivery is in flight when the host stops, and beside it a
        // 22 s delay: once its timer fires after the restart (its successor runs), the older 20 s timer would have.
        var data = TempDirectory.Create();
        var clock = new FakeTimeProvider(Start);
        var deliveries = 0;
        var redelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var witnessed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Register(IServiceCollection s)
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("witness", (_, _, _) =>
            {
                witnessed.TrySetResult();
                return ValueTask.FromResult<JsonElement?>(null);
            });
            s.AddCodeHandler("slow", async (_, _, ct) =>
            {
                if (Interlocked.Increment(ref deliveries) == 1)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }

                redelivered.TrySetResult();
                await release.Task.WaitAsync(ct);
                return JsonSerializer.SerializeToElement("done");
            });
        }

        var pipeline = Pipelines.Define("timeout-redelivery",
            Pipelines.Code("work", "slow") with { Timeout = TimeSpan.FromSeconds(20) },
            new TaskDefinition { Id = "pause", Kind = "delay", Config = Pipelines.ToJson(new { duration = "22s" }) },
            Pipelines.Code("witness", "witness", null, "pause"));

        // Act: the host is down for 25 s, longer than the timeout, and starts again.
        var (second, runId) = await StopAndRestartAsync(pipeline, Register, data, clock, () => deliveries);
        await using var _ = second;
        await redelivered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await witnessed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var whileRunning = await second.Workflow.ListAttemptsAsync(runId, "work", default);
        release.TrySetResult();
        var status = await second.WaitAsync(runId);

        // Assert
        Assert.Equal(Execution.TaskStatus.Running, Assert.Single(whileRunning).Status);
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(2, deliveries);
    }

    [Fact]
    public async Task A_redelivered_attempt_still_times_out_its_timeout_after_its_own_start()
    {
        // Arrange: as above, but the redelivered attempt hangs.
        var data = TempDirectory.Create();
        var clock = new FakeTimeProvider(Start);
        var deliveries = new StrongBox<int>();
        var pipeline = Pipelines.Define("timeout-hang",
            Pipelines.Code("work", "hang") with { Timeout = TimeSpan.FromSeconds(20) });
        var (second, runId) = await StopAndRestartAsync(pipeline, Hanging(clock, deliveries), data, clock,
            () => Volatile.Read(ref deliveries.Value));
        await using var _ = second;
        await Poll.UntilAsync(() => Volatile.Read(ref deliveries.Value) == 2, "the redelivery");

        // Act: 20 s pass after the redelivery started.
        clock.Advance(TimeSpan.FromSeconds(20));
        var status = await second.WaitAsync(runId);

        // Assert
        Assert.Equal(RunStatus.Failed, status);
        var attempt = Assert.Single(await second.Workflow.ListAttemptsAsync(runId, "work", default));
        Assert.Equal(ErrorKinds.Timeout, attempt.ErrorKind);
    }

    [Fact]
    public async Task A_timed_out_attempt_records_the_timeout_it_ran_past()
    {
        // Arrange
        var clock = new FakeTimeProvider(Start);
        var deliveries = new StrongBox<int>();
        await using var engine = await TestEngine.StartAsync(Hanging(clock, deliveries));
        var pipeline = Pipelines.Define("timing-out",
            Pipelines.Code("work", "hang") with { Timeout = TimeSpan.FromSeconds(20) });
        var runId = (await engine.StartRunAsync(pipeline)).RunId;
        await Poll.UntilAsync(() => Volatile.Read(ref deliveries.Value) == 1, "the attempt to start");

        // Act
        clock.Advance(TimeSpan.FromSeconds(20));
        var status = await engine.WaitAsync(runId);

        // Assert
        Assert.Equal(RunStatus.Failed, status);
        var attempt = Assert.Single(await engine.Workflow.ListAttemptsAsync(runId, "work", CancellationToken.None));
        Assert.Equal(ErrorKinds.Timeout, attempt.ErrorKind);
        Assert.Equal("Attempt 1 did not finish within its timeout of 20s.", attempt.Error);
    }

    /// <summary>The clock, and code handler "hang", which counts its deliveries and never ends on its own.</summary>
    private static Action<IServiceCollection> Hanging(FakeTimeProvider clock, StrongBox<int> deliveries) => s =>
    {
        s.AddSingleton<TimeProvider>(clock);
        s.AddCodeHandler("hang", async (_, _, ct) =>
        {
            Interlocked.Increment(ref deliveries.Value);
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
    };

    /// <summary>Starts a run, stops the host while its first delivery is in flight, and restarts it 25 s later.</summary>
    private static async Task<(TestEngine Second, string RunId)> StopAndRestartAsync(PipelineDefinition pipeline,
        Action<IServiceCollection> register, string data, FakeTimeProvider clock, Func<int> deliveries)
    {
        string runId;
        await using (var first = await TestEngine.StartAsync(register, data))
        {
            runId = (await first.StartRunAsync(pipeline)).RunId;
            await Poll.UntilAsync(() => deliveries() == 1, "the first delivery");
        }

        clock.Advance(TimeSpan.FromSeconds(25));
        return (await TestEngine.StartAsync(register, data), runId);
    }
}
