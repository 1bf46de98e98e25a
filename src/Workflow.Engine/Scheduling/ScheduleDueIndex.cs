using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Runtime.Scheduling;
using Workflow.Services;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// The embedded host's next-due index, the <c>schedule_due</c> table ordered by next fire time: saving a pipeline
/// writes its rows (<see cref="ScheduleIndexRows"/>), a tick reads only the rows that are due and moves each on to its
/// next occurrence once fired. An idle tick is one indexed query that returns nothing. Rows live in the store, so two
/// hosts on one file share them, and a restarted host's first tick is as cheap as any other.
/// </summary>
public sealed class ScheduleDueIndex(SqliteStore store, WriteLoop writer) : IScheduleDueIndex
{
    private volatile bool _built;

    /// <summary>Indexes a store saved before the index existed, once; later calls return at once.</summary>
    public async Task EnsureBuiltAsync(IWorkflowService workflow, CancellationToken cancellationToken)
    {
        if (_built)
        {
            return;
        }

        await using (var connection = await store.OpenReadConnectionAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT built FROM schedule_due_state;";
            if (await command.ExecuteScalarAsync(cancellationToken) is long built && built != 0)
            {
                _built = true;
                return;
            }
        }

        var pipelines = await workflow.ListPipelinesAsync(cancellationToken);
        await writer.ExecuteAsync((connection, transaction) =>
        {
            // A one-time build: its few statements are kept for the whole pass and disposed at its end.
            using var kept = new KeptCommands(connection);
            foreach (var pipeline in pipelines)
            {
                ScheduleIndexRows.Save(sql => kept.For(sql, transaction), pipeline.Definition, pipeline.UpdatedAt);
            }

            return ScheduleIndexRows.Execute(connection, transaction, "UPDATE schedule_due_state SET built = 1;");
        }).WaitAsync(cancellationToken);
        _built = true;
    }

    /// <summary>The schedules due at <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DueSchedule>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT pipeline_id, schedule_key, version, next_due FROM schedule_due
            WHERE next_due <= $now ORDER BY next_due LIMIT $max;
            """;
        command.Parameters.AddWithValue("$now", UnixTime.ToMs(now));
        command.Parameters.AddWithValue("$max", max);
        var due = new List<DueSchedule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueSchedule(reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                UnixTime.FromMs(reader.GetInt64(3))));
        }

        return due;
    }

    /// <summary>
    /// Moves fired rows on to their next occurrence, or drops them when the schedule fires no more. A row the
    /// pipeline was saved over since (another version) is left alone: the save already wrote its successor.
    /// </summary>
    public async Task MoveOnAsync(IReadOnlyList<(DueSchedule Row, DateTimeOffset? Next)> moves,
        CancellationToken cancellationToken)
    {
        if (moves.Count == 0)
        {
            return;
        }

        await writer.ExecuteAsync((connection, transaction) =>
        {
            foreach (var (row, next) in moves)
            {
                var sql = next is null
                    ? "DELETE FROM schedule_due WHERE pipeline_id = $p AND schedule_key = $k AND version = $v;"
                    : "UPDATE schedule_due SET next_due = $n WHERE pipeline_id = $p AND schedule_key = $k AND version = $v;";
                ScheduleIndexRows.Execute(connection, transaction, sql, ("$p", row.PipelineId), ("$k", row.ScheduleKey),
                    ("$v", row.Version), ("$n", next is { } n ? UnixTime.ToMs(n) : 0L));
            }

            return moves.Count;
        }).WaitAsync(cancellationToken);
    }
}
