using Microsoft.Extensions.Options;
using Workflow.Engine.Storage;
using Workflow.Sla;

namespace Workflow.Engine.Services;

/// <summary>
/// Reads <c>task_durations</c>: each task's most recent successful durations feed the decider's upward rank
/// (through <see cref="DurationEstimator.ExpectedForRank"/>) and the SLA monitor's percentiles, so dispatch and
/// alerting agree on what a task usually takes.
/// </summary>
public sealed class DurationHistory(SqliteStore store, IOptions<EngineOptions> options)
{
    /// <summary>The expected duration of each task with history, for the upward rank; see <see cref="DurationEstimator.ExpectedForRank"/>.</summary>
    public async ValueTask<IReadOnlyDictionary<string, TimeSpan>> ExpectedAsync(string pipelineId,
        CancellationToken cancellationToken)
    {
        var window = Math.Max(1, options.Value.DurationHistoryWindow);
        var estimator = new DurationEstimator(new DurationEstimatorOptions { Window = window });
        var recent = await RecentByTaskAsync(pipelineId, window, cancellationToken);
        return estimator.ExpectedForRank(recent.ToDictionary(r => r.Key,
            r => (IReadOnlyList<TimeSpan>)[.. Enumerable.Reverse(r.Value)], StringComparer.Ordinal));
    }

    /// <summary>
    /// The newest <paramref name="window"/> durations of every task of a pipeline, newest first. The query walks the
    /// index (pipeline, task, finished) from one task id to the next and reads each task's newest rows, so it costs
    /// the tasks times the window whatever the history holds. Rows beyond the window stay until the retention purge
    /// trims them, and a query that ranked every row of the pipeline made each run's start slower the more runs had
    /// ended since the last purge.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<string, List<TimeSpan>>> RecentByTaskAsync(string pipelineId,
        int window, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH RECURSIVE tasks(id) AS (
                SELECT min(task_id) FROM task_durations WHERE pipeline_id = $p
                UNION ALL
                SELECT (SELECT min(task_id) FROM task_durations WHERE pipeline_id = $p AND task_id > tasks.id)
                FROM tasks WHERE tasks.id IS NOT NULL)
            SELECT tasks.id, d.duration_ms
            FROM tasks JOIN task_durations d ON d.rowid IN (
                SELECT rowid FROM task_durations
                WHERE pipeline_id = $p AND task_id = tasks.id
                ORDER BY finished_at DESC LIMIT $window)
            WHERE tasks.id IS NOT NULL
            ORDER BY tasks.id, d.finished_at DESC;
            """;
        command.Parameters.AddWithValue("$p", pipelineId);
        command.Parameters.AddWithValue("$window", window);
        var recent = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var taskId = reader.GetString(0);
            if (!recent.TryGetValue(taskId, out var list))
            {
                recent[taskId] = list = [];
            }

            list.Add(TimeSpan.FromMilliseconds(reader.GetInt64(1)));
        }

        return recent;
    }
}
