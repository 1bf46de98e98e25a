using System.Text.Json;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Handlers.Queue;

/// <summary>
/// A small durable queue in the engine's database, for the small-job pattern: producers enqueue messages, a
/// <c>queue-drain</c> task pulls and processes them. Depth and oldest-message age feed backlog alerts.
/// </summary>
public sealed class LocalQueue(SqliteStore store, WriteLoop writer, TimeProvider time)
{
    public async Task<long> EnqueueAsync(string queue, JsonElement body, CancellationToken cancellationToken)
    {
        var now = UnixTime.ToMs(time.GetUtcNow());
        var raw = body.GetRawText();
        return await writer.ExecuteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO queue_messages (queue, body, enqueued_at) VALUES ($q, $b, $t) RETURNING id;";
            command.Parameters.AddWithValue("$q", queue);
            command.Parameters.AddWithValue("$b", raw);
            command.Parameters.AddWithValue("$t", now);
            return (long)command.ExecuteScalar()!;
        }).WaitAsync(cancellationToken);
    }

    /// <summary>The oldest messages, without removing them: a message is removed only once processed.</summary>
    public async Task<IReadOnlyList<QueueMessage>> PeekAsync(string queue, int max, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, body, enqueued_at FROM queue_messages WHERE queue = $q ORDER BY id LIMIT $n;";
        command.Parameters.AddWithValue("$q", queue);
        command.Parameters.AddWithValue("$n", max);
        var messages = new List<QueueMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new QueueMessage(reader.GetInt64(0), EngineJson.Parse(reader.GetString(1))!.Value,
                UnixTime.FromMs(reader.GetInt64(2))));
        }

        return messages;
    }

    public Task<int> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult(0)
            : writer.ExecuteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"DELETE FROM queue_messages WHERE id IN ({string.Join(",", ids)});";
                return command.ExecuteNonQuery();
            }).WaitAsync(cancellationToken);

    /// <summary>Depth and oldest-message age of every non-empty queue.</summary>
    public async Task<IReadOnlyList<QueueBacklog>> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT queue, count(*), min(enqueued_at) FROM queue_messages GROUP BY queue ORDER BY queue;";
        var now = time.GetUtcNow();
        var backlog = new List<QueueBacklog>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            backlog.Add(new QueueBacklog(reader.GetString(0), reader.GetInt64(1), now - UnixTime.FromMs(reader.GetInt64(2))));
        }

        return backlog;
    }
}

/// <summary>One message of a <see cref="LocalQueue"/>.</summary>
public sealed record QueueMessage(long Id, JsonElement Body, DateTimeOffset EnqueuedAt);

/// <summary>How far behind a queue is.</summary>
public sealed record QueueBacklog(string Queue, long Depth, TimeSpan OldestAge);
