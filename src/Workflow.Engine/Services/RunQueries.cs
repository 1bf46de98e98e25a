using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>Run and attempt reads, on read connections: they see committed state and never wait for the writer.</summary>
internal sealed class RunQueries(SqliteStore store)
{
    public async ValueTask<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunRowReader.RunColumns} FROM runs WHERE run_id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RunRowReader.Run(reader) : null;
    }

    public async ValueTask<Page<RunRecord>> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, 500);
        var where = new List<string>();
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (query.PipelineId is { } pipelineId)
        {
            where.Add("pipeline_id = $p");
            command.Parameters.AddWithValue("$p", pipelineId);
        }

        if (query.Status is { } status)
        {
            where.Add(RunRowReader.StatusCondition(status));
            command.Parameters.AddWithValue("$s", EnumNames<RunStatus>.Name(status));
        }

        if (query.From is { } from)
        {
            where.Add("created_at >= $from");
            command.Parameters.AddWithValue("$from", UnixTime.ToMs(from));
        }

        if (query.To is { } to)
        {
            where.Add("created_at < $to");
            command.Parameters.AddWithValue("$to", UnixTime.ToMs(to));
        }

        if (query.OwnerGroups is { } groups)
        {
            var names = groups.Select((g, i) => (Name: $"$g{i}", Group: g)).ToList();
            where.Add(names.Count == 0 ? "0" : $"owner_group IN ({string.Join(", ", names.Select(n => n.Name))})");
            foreach (var (name, group) in names)
            {
                command.Parameters.AddWithValue(name, group);
            }
        }

        if (Decode(query.ContinuationToken) is { } after)
        {
            where.Add("(created_at < $ac OR (created_at = $ac AND run_id < $ar))");
            command.Parameters.AddWithValue("$ac", after.CreatedAt);
            command.Parameters.AddWithValue("$ar", after.RunId);
        }

        command.CommandText = $"SELECT {RunRowReader.RunColumns} FROM runs" +
                              (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty) +
                              " ORDER BY created_at DESC, run_id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit + 1);
        var items = new List<RunRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(RunRowReader.Run(reader));
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            var last = items[^1];
            next = Encode(UnixTime.ToMs(last.CreatedAt), last.RunId);
        }

        return new Page<RunRecord>(items, next);
    }

    /// <summary>
    /// The child runs a run started, oldest first. Their ids start with <c>{runId}/</c> (see <see cref="ChildRunIds"/>),
    /// so the primary key's range finds them; the parent column keeps only direct children.
    /// </summary>
    public async ValueTask<IReadOnlyList<RunRecord>> ChildrenAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunRowReader.RunColumns} FROM runs WHERE run_id > $from AND run_id < $to " +
                              "AND parent_run_id = $id ORDER BY created_at, run_id;";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$from", runId + "/");
        command.Parameters.AddWithValue("$to", runId + "0");
        var children = new List<RunRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            children.Add(RunRowReader.Run(reader));
        }

        return children;
    }

    public async ValueTask<List<(TaskAttemptRecord Attempt, string TaskId)>> AttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunRowReader.AttemptColumns} FROM task_attempts WHERE run_id = $id" +
                              (taskKey is null ? string.Empty : " AND task_key = $k") +
                              " ORDER BY queued_at, task_key, attempt;";
        command.Parameters.AddWithValue("$id", runId);
        if (taskKey is not null)
        {
            command.Parameters.AddWithValue("$k", taskKey);
        }

        var attempts = new List<(TaskAttemptRecord, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add((RunRowReader.Attempt(reader), reader.GetString(11)));
        }

        return attempts;
    }

    /// <summary>
    /// The decider's state of a run as far as the store has it (its final state once the run is over): the last
    /// snapshot and the events after it (<see cref="RunStateLoader"/>); null for a run with no events.
    /// </summary>
    public async ValueTask<RunState?> SnapshotAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        // An unreadable snapshot costs only time here: every event is replayed instead.
        var (state, seq, _) = RunStateLoader.Load(connection, null, runId, _ => { });
        return seq == 0 ? null : state;
    }

    private static string Encode(long createdAt, string runId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{createdAt.ToString(CultureInfo.InvariantCulture)}|{runId}"));

    private static (long CreatedAt, string RunId)? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return (long.Parse(text.AsSpan(0, bar), CultureInfo.InvariantCulture), text[(bar + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            throw InvalidRequestException.For("continuationToken",
                $"The continuation token '{token}' is not one this service issued.", "Start again without it.");
        }
    }
}
