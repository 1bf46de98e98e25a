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

    [Fact]
    public async Task A_runs_end_keeps_only_the_window_of_newest_durations_of_its_tasks_and_leaves_other_pipelines_alone()
    {
        // Arrange: a window of 3; another pipeline has 5 durations of a task with the same id.
        await using var engine = await TestEngine.StartAsync(
            s => s.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<System.Text.Json.JsonElement?>(null)),
            options: o => o.DurationHistoryWindow = 3);
        var db = Path.Combine(engine.DataDirectory, "workflow.db");
        await SqliteFile.ExecuteAsync(db, "INSERT INTO task_durations (pipeline_id, task_id, run_id, attempt, " +
            "finished_at, duration_ms) VALUES " +
            string.Join(", ", Enumerable.Range(1, 5).Select(n => $"('other', 'a', 'other@{n}', 1, {n}, {n})")) + ";");
        var pipeline = Define("windowed", Code("a", "noop"), Code("b", "noop"));
        var runs = new List<string>();

        // Act
        for (var i = 0; i < 5; i++)
        {
            var run = await engine.StartRunAsync(pipeline);
            Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));
            runs.Add(run.RunId);
            await Task.Delay(5); // the next run's durations end at a later millisecond
        }

        // Assert: the last three runs' durations of each task are kept, newest first.
        var kept = await SqliteFile.QueryTextsAsync(db,
            "SELECT task_id || ' ' || run_id FROM task_durations WHERE pipeline_id = 'windowed' " +
            "ORDER BY task_id, finished_at DESC;");
        Assert.Equal(new[] { "a", "b" }.SelectMany(t => runs.AsEnumerable().Reverse().Take(3).Select(r => $"{t} {r}")),
            kept);
        Assert.Equal([5L], await SqliteFile.QueryLongsAsync(db,
            "SELECT count(*) FROM task_durations WHERE pipeline_id = 'other';"));
    }
}
