using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// The log of an attempt the engine stopped for its timeout says so, once: a reader of the log alone sees why it
/// ends, whether the attempt was running or still waiting for a slot in its pool.
/// </summary>
public sealed class TimeoutLogTests
{
    private const string TimedOut = "Attempt 1 did not finish within its timeout of 20s.";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_attempt_that_times_out_waiting_for_a_slot_in_its_pool_has_a_log_that_says_so()
    {
        // Arrange: a pool of one slot, held by a task without a timeout; the task queued behind it has 20 s.
        var clock = new FakeTimeProvider(Start);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateRan = 0;
        await using var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("hold", async (_, _, ct) =>
            {
                held.TrySetResult();
                await release.Task.WaitAsync(ct);
                return null;
            });
            s.AddCodeHandler("late", (_, _, _) =>
            {
                Interlocked.Increment(ref lateRan);
                return ValueTask.FromResult<JsonElement?>(null);
            });
        }, options: o => o.Pools["narrow"] = 1);
        var pipeline = Pipelines.Define("timeout-queued",
            Pipelines.Code("holder", "hold") with { Pool = "narrow" },
            Pipelines.Code("late", "late") with { Pool = "narrow", Timeout = TimeSpan.FromSeconds(20) });
        var runId = (await engine.StartRunAsync(pipeline)).RunId;
        await held.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // Act
        clock.Advance(TimeSpan.FromSeconds(20));
        var log = await Poll.GetAsync(() => ReadLogAsync(engine, runId, "late"), text => text.Length > 0,
            "the timed-out attempt's log");
        release.TrySetResult();
        var status = await engine.WaitAsync(runId);

        // Assert
        Assert.Equal(RunStatus.Failed, status);
        Assert.Equal(0, lateRan);
        Assert.Equal($"[workflow] Cancelled: {TimedOut}\n", log);
        var attempt = Assert.Single(await engine.Workflow.ListAttemptsAsync(runId, "late", CancellationToken.None));
        Assert.Equal((ErrorKinds.Timeout, TimedOut), (attempt.ErrorKind, attempt.Error));
    }

    [Fact]
    public async Task A_running_attempt_that_overruns_its_timeout_ends_its_log_with_one_line_saying_so()
    {
        // Arrange: the engine's timer and the executor's own timeout both come due; only one of them may write.
        var clock = new FakeTimeProvider(Start);
        var (engine, runId) = await StartOverrunAsync(clock, "timeout-running",
            (_, ct) => Task.Delay(Timeout.Infinite, ct));
        await using var _ = engine;

        // Act
        clock.Advance(TimeSpan.FromSeconds(20));
        var status = await engine.WaitAsync(runId);

        // Assert: the last line, whichever side wrote it, and only one.
        Assert.Equal(RunStatus.Failed, status);
        var log = await Poll.GetAsync(() => ReadLogAsync(engine, runId, "work"),
            text => text.Contains(TimedOut, StringComparison.Ordinal), "the timeout's line");
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("working", lines[0]);
        Assert.Contains(TimedOut, lines[^1], StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains(TimedOut, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handler_that_ignores_its_cancellation_and_ends_later_leaves_the_timeout_as_its_logs_last_line()
    {
        // Arrange: a handler that does not observe its token, so only the engine's timer can end the attempt.
        var clock = new FakeTimeProvider(Start);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (engine, runId) = await StartOverrunAsync(clock, "timeout-deaf", async (context, _) =>
        {
            await release.Task;
            context.Log.WriteLine("done at last");
        });
        await using var _ = engine;

        // Act: the timeout ends the run while the handler goes on; then the handler ends.
        clock.Advance(TimeSpan.FromSeconds(20));
        var status = await engine.WaitAsync(runId);
        release.TrySetResult();
        var log = await Poll.GetAsync(() => ReadLogAsync(engine, runId, "work"),
            text => text.Contains(TimedOut, StringComparison.Ordinal), "the timeout's line");

        var attempt = await Poll.GetAsync(
            async () => Assert.Single(await engine.Workflow.ListAttemptsAsync(runId, "work", CancellationToken.None)),
            a => a.LogBytes > 0, "the timed-out attempt to count its log", describe: a => $"{a.LogBytes} bytes");

        // Assert
        Assert.Equal(RunStatus.Failed, status);
        Assert.Equal(["working", "done at last", $"[workflow] Cancelled: {TimedOut}"],
            log.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(Encoding.UTF8.GetByteCount(log), attempt.LogBytes);
    }

    /// <summary>
    /// A run of one task, <c>work</c>, with a 20 s timeout, whose handler logs "working" and goes on with
    /// <paramref name="rest"/>; returned once the handler has started.
    /// </summary>
    private static async Task<(TestEngine Engine, string RunId)> StartOverrunAsync(FakeTimeProvider clock,
        string pipelineId, Func<TaskContext, CancellationToken, Task> rest)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("overrun", async (context, _, ct) =>
            {
                context.Log.WriteLine("working");
                started.TrySetResult();
                await rest(context, ct);
                return null;
            });
        });
        var pipeline = Pipelines.Define(pipelineId,
            Pipelines.Code("work", "overrun") with { Timeout = TimeSpan.FromSeconds(20) });
        var runId = (await engine.StartRunAsync(pipeline)).RunId;
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return (engine, runId);
    }

    private static async Task<string> ReadLogAsync(TestEngine engine, string runId, string taskKey)
    {
        var chunk = await engine.Workflow.ReadLogAsync(runId, taskKey, 1, LogRange.From(0, 1 << 20),
            CancellationToken.None);
        return chunk?.Text ?? "";
    }
}
