using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Services;

public sealed class DurationRecordTests
{
    [Fact]
    public async Task A_runs_successful_attempts_enter_the_duration_history_when_the_run_ends_each_with_how_long_it_ran()
    {
        // Arrange: "quick" succeeds at once, "held" runs until released, "flaky" fails its first attempt and succeeds
        // its second (no delay between them).
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flakyCalls = 0;
        await using var engine = await TestEngine.StartAsync(s =>
        {
            s.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<System.Text.Json.JsonElement?>(null));
            s.AddCodeHandler("hold", async (_, _, token) =>
            {
                await release.Task.WaitAsync(token);
                return null;
            });
            s.AddCodeHandler("flaky", (_, _, _) => Interlocked.Increment(ref flakyCalls) == 1
                ? throw new TaskFailureException(ErrorKinds.Network, "connection reset")
                : ValueTask.FromResult<System.Text.Json.JsonElement?>(null));
        });
        var pipeline = Define("durations", Code("quick", "noop"), Code("held", "hold"), Code("flaky", "flaky")) with
        {
            Defaults = new TaskDefaults
            {
                Retry = new RetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
            },
        };
        var db = Path.Combine(engine.DataDirectory, "workflow.db");

        // Act
        var run = await engine.StartRunAsync(pipeline);
        await Poll.UntilAsync(async () =>
        {
            var attempts = await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None);
            return attempts.Count(a => a.Status == Execution.TaskStatus.Succeeded) == 2 &&
                   attempts.Any(a => a.TaskKey == "held" && a.Status == Execution.TaskStatus.Running);
        }, "quick and flaky to succeed while held runs");
        var whileRunning = await SqliteFile.QueryLongsAsync(db,
            $"SELECT count(*) FROM task_durations WHERE run_id = '{run.RunId}';");
        await Task.Delay(200);
        release.SetResult();
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));

        // Assert
        Assert.Equal([0L], whileRunning);
        Assert.Equal(["flaky/2", "held/1", "quick/1"], await SqliteFile.QueryTextsAsync(db,
            $"SELECT task_id || '/' || attempt FROM task_durations WHERE run_id = '{run.RunId}' ORDER BY task_id;"));
        var heldMs = Assert.Single(await SqliteFile.QueryLongsAsync(db,
            $"SELECT duration_ms FROM task_durations WHERE run_id = '{run.RunId}' AND task_id = 'held';"));
        Assert.InRange(heldMs, 200, 60_000);
        Assert.Equal([0L], await SqliteFile.QueryLongsAsync(db, $"""
            SELECT count(*) FROM task_durations d JOIN task_attempts a USING (run_id, attempt)
            WHERE d.run_id = '{run.RunId}' AND a.task_key = d.task_id
              AND (d.duration_ms > a.finished_at - a.started_at OR d.finished_at <> a.finished_at);
            """));
    }
}
