using Microsoft.Extensions.Options;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Services;

/// <summary>
/// Reads <c>task_durations</c>: the mean of each task's most recent successful durations feeds the decider's
/// upward rank; the SLA monitor reads the same table for its percentiles.
/// </summary>
public sealed class DurationHistory(SqliteStore store, IOptions<EngineOptions> options)
{
    public async ValueTask<IReadOnlyDictionary<string, TimeSpan>> ExpectedAsync(string pipelineId,
        CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT task_id, avg(duration_ms) FROM (
                SELECT task_id, duration_ms,
                       row_number() OVER (PARTITION BY task_id ORDER BY finished_at DESC) AS n
                FROM task_durations WHERE pipeline_id = $p)
            WHERE n <= $window GROUP BY task_id;
            """;
        command.Parameters.AddWithValue("$p", pipelineId);
        command.Parameters.AddWithValue("$window", options.Value.DurationHistoryWindow);
        var expected = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            expected[reader.GetString(0)] = TimeSpan.FromMilliseconds(reader.GetDouble(1));
        }

        return expected;
    }

    /// <summary>The most recent durations of one task, newest first.</summary>
    public async ValueTask<IReadOnlyList<TimeSpan>> RecentAsync(string pipelineId, string taskId, int count,
        CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT duration_ms FROM task_durations WHERE pipeline_id = $p AND task_id = $t " +
                              "ORDER BY finished_at DESC LIMIT $n;";
        command.Parameters.AddWithValue("$p", pipelineId);
        command.Parameters.AddWithValue("$t", taskId);
        command.Parameters.AddWithValue("$n", count);
        var durations = new List<TimeSpan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            durations.Add(TimeSpan.FromMilliseconds(reader.GetInt64(0)));
        }

        return durations;
    }
}
