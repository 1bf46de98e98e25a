using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Runtime;

/// <summary>The reads start-up recovery makes on the writer's connection.</summary>
internal static class RecoveryQueries
{
    /// <summary>
    /// The attempts queued or running at the last stop, rebuilt into the same record the decider's
    /// <see cref="RunTask"/> made; the command itself is not stored, so whether an attempt keeps its output inline
    /// is asked of its run's state (<see cref="MapSources"/>; false for a run no longer in <paramref name="runs"/>).
    /// The row holds the input without its run-level members (<c>HotStatements.InsertAttempt</c>), which it gets
    /// back from the run's state; a row an older engine wrote whole already has them.
    /// </summary>
    public static List<(WorkItem Item, DateTimeOffset? AvailableAt)> PendingAttempts(WriteContext context,
        IReadOnlyDictionary<string, ActiveRun> runs)
    {
        var items = new List<(WorkItem, DateTimeOffset?)>();
        using var command = context.Command("""
            SELECT a.run_id, a.task_key, a.attempt, a.task_id, a.kind, a.pool, a.priority, a.rank, a.config, a.input,
                   a.timeout_ms, a.available_at, a.deliveries, a.resume_state, r.pipeline_id
            FROM task_attempts a JOIN runs r ON r.run_id = a.run_id
            WHERE a.status IN ('queued', 'running')
            ORDER BY a.queued_at;
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var runId = reader.GetString(0);
            var taskKey = reader.GetString(1);
            var attemptNumber = reader.GetInt32(2);
            var taskId = reader.GetString(3);
            var pool = reader.GetString(5);
            var active = runs.TryGetValue(runId, out var run);
            var input = EngineJson.Parse(reader.IsDBNull(9) ? null : reader.GetString(9));
            var task = new RunTask(
                TaskKey: taskKey,
                TaskId: taskId,
                Attempt: attemptNumber,
                Kind: reader.GetString(4),
                Config: EngineJson.Parse(reader.IsDBNull(8) ? null : reader.GetString(8)),
                Input: active ? RunLevelInput.Restore(input, run!.State) : input,
                Pool: pool,
                Priority: reader.GetInt32(6),
                Rank: reader.GetDouble(7),
                IdempotencyKey: RunTask.IdempotencyKeyFor(runId, taskKey, attemptNumber),
                Timeout: reader.IsDBNull(10) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(10)),
                KeepOutputInline: active && MapSources.KeepsOutputInline(run!.State, taskId));
            var attempt = new TaskAttempt(runId, reader.GetString(14), task)
            {
                ResumeState = EngineJson.Parse(reader.IsDBNull(13) ? null : reader.GetString(13)),
            };
            var item = new WorkItem(attempt, pool) { Deliveries = reader.GetInt32(12) };
            items.Add((item, reader.IsDBNull(11) ? null : UnixTime.FromMs(reader.GetInt64(11))));
        }

        return items;
    }

    public static List<(string RunId, string TimerId, DateTimeOffset Due)> Timers(WriteContext context)
    {
        var timers = new List<(string, string, DateTimeOffset)>();
        using var command = context.Command("SELECT run_id, timer_id, due_at FROM timers;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            timers.Add((reader.GetString(0), reader.GetString(1), UnixTime.FromMs(reader.GetInt64(2))));
        }

        return timers;
    }
}
