using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Queues;
using Workflow.Runtime.Handlers.Queue;

namespace Workflow.Engine.Handlers.Queue;

/// <summary>
/// The embedded host's queues, in the engine's database (<c>queue_messages</c>, keyed by <c>{group}/{queue}</c>):
/// producers enqueue through the API, <c>queue-drain</c> tasks lease and process messages. A lease is
/// <c>visible_at</c> in the future; the receipt is the delivery number, so a drain whose lease ran out cannot
/// complete a message another drain holds now. Dead-lettering renames the row's queue and keeps the error.
/// </summary>
public sealed class LocalQueue(SqliteStore store, WriteLoop writer, TimeProvider time) : IWorkQueue
{
    public ValueTask EnqueueAsync(QueueAddress queue, IReadOnlyList<JsonElement> messages,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(messages);
        var now = UnixTime.ToMs(time.GetUtcNow());
        return new(writer.ExecuteAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction,
                "INSERT INTO queue_messages (queue, body, enqueued_at) VALUES ($q, $b, $t);", queue);
            var body = command.Parameters.Add("$b", SqliteType.Text);
            command.Parameters.AddWithValue("$t", now);
            foreach (var message in messages)
            {
                body.Value = message.GetRawText();
                command.ExecuteNonQuery();
            }

            return messages.Count;
        }).WaitAsync(cancellationToken));
    }

    public async ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueAddress queue, int max,
        TimeSpan visibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var now = time.GetUtcNow();
        var messages = await writer.ExecuteAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, """
                UPDATE queue_messages SET dequeue_count = dequeue_count + 1, visible_at = $until
                WHERE id IN (SELECT id FROM queue_messages WHERE queue = $q AND visible_at <= $now ORDER BY id LIMIT $n)
                RETURNING id, body, enqueued_at, dequeue_count;
                """, queue);
            command.Parameters.AddWithValue("$now", UnixTime.ToMs(now));
            command.Parameters.AddWithValue("$until", UnixTime.ToMs(now + visibility));
            command.Parameters.AddWithValue("$n", max);
            var received = new List<ReceivedMessage>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var count = reader.GetInt64(3);
                received.Add(new ReceivedMessage(queue, reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                    count.ToString(CultureInfo.InvariantCulture), EngineJson.Parse(reader.GetString(1))!.Value, count,
                    UnixTime.FromMs(reader.GetInt64(2))));
            }

            return received;
        }).WaitAsync(cancellationToken);
        return [.. messages.OrderBy(m => long.Parse(m.Id, CultureInfo.InvariantCulture))];
    }

    public ValueTask CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        Leased(message, "DELETE FROM queue_messages", null, null, cancellationToken);

    public ValueTask AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        Leased(message, "UPDATE queue_messages SET visible_at = 0", null, null, cancellationToken);

    public ValueTask DeadLetterAsync(ReceivedMessage message, string error, CancellationToken cancellationToken) =>
        Leased(message, "UPDATE queue_messages SET visible_at = 0, queue = $dl, last_error = $e",
            message.Queue.DeadLetter, error, cancellationToken);

    public async ValueTask<QueueStatus> GetStatusAsync(QueueAddress queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), min(enqueued_at), (SELECT count(*) FROM queue_messages WHERE queue = $dl)
            FROM queue_messages WHERE queue = $q;
            """;
        command.Parameters.AddWithValue("$q", queue.ToString());
        command.Parameters.AddWithValue("$dl", queue.DeadLetter.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        TimeSpan? oldest = reader.IsDBNull(1) ? null : time.GetUtcNow() - UnixTime.FromMs(reader.GetInt64(1));
        return new QueueStatus(queue, reader.GetInt64(0), oldest, reader.GetInt64(2));
    }

    /// <summary>Depth and oldest-message age of every non-empty queue but the dead-letter ones.</summary>
    public async Task<IReadOnlyList<QueueBacklog>> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT queue, count(*), min(enqueued_at) FROM queue_messages " +
                              $"WHERE queue NOT LIKE '%{QueueAddress.DeadLetterSuffix}' GROUP BY queue ORDER BY queue;";
        var now = time.GetUtcNow();
        var backlog = new List<QueueBacklog>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            backlog.Add(new QueueBacklog(reader.GetString(0), reader.GetInt64(1), now - UnixTime.FromMs(reader.GetInt64(2))));
        }

        return backlog;
    }

    /// <summary>Applies <paramref name="change"/> to the message if this lease still holds it.</summary>
    private ValueTask Leased(ReceivedMessage message, string change, QueueAddress? deadLetter, string? error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(writer.ExecuteAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction,
                change + " WHERE id = $id AND queue = $q AND dequeue_count = $receipt;", message.Queue);
            command.Parameters.AddWithValue("$id", long.Parse(message.Id, CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$receipt", long.Parse(message.Receipt, CultureInfo.InvariantCulture));
            if (deadLetter is not null)
            {
                command.Parameters.AddWithValue("$dl", deadLetter.ToString());
                command.Parameters.AddWithValue("$e", error);
            }

            return command.ExecuteNonQuery();
        }).WaitAsync(cancellationToken));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql,
        QueueAddress queue)
    {
        var command = SqliteStore.Command(connection, transaction, sql);
        command.Parameters.AddWithValue("$q", queue.ToString());
        return command;
    }
}

/// <summary>How far behind a queue is; <see cref="Queue"/> is <c>{group}/{queue}</c>.</summary>
public sealed record QueueBacklog(string Queue, long Depth, TimeSpan OldestAge);
