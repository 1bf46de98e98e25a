using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Workflow.Api.Audit;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Host.Audit;

/// <summary>
/// The audit trail in the engine's SQLite file, in a table of its own (<see cref="AuditSchema"/>): one row per
/// change or manual action, committed through the engine's writer before the API answers, so the trail survives a
/// crash just as the change does. Reads use the store's pooled connections.
/// </summary>
public sealed class SqliteAuditLog(SqliteStore store, WriteLoop writer) : IAuditLog
{
    /// <summary>The kept insert of each writer connection; only the writer's thread uses it.</summary>
    private static readonly ConditionalWeakTable<SqliteConnection, SqliteCommand> Inserts = new();

    public async ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await writer.ExecuteAsync((connection, transaction) => Insert(connection, transaction, entry))
            .WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one entry in the writer's open transaction (alone, or with the change it records). The statement is
    /// prepared once per connection (the writer's) and kept: preparing it cost more than running it.
    /// </summary>
    internal static int Insert(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry)
    {
        var command = Inserts.GetValue(connection, c =>
        {
            var created = c.CreateCommand();
            created.CommandText = "INSERT INTO audit_log (at_ms, actor, action, target, detail, owner_group) " +
                                  "VALUES ($at, $actor, $action, $target, $detail, $group);";
            return created;
        });
        command.Transaction = transaction;
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$target", entry.Target);
        command.Parameters.AddWithValue("$detail", (object?)entry.Detail ?? DBNull.Value);
        command.Parameters.AddWithValue("$group", entry.OwnerGroup);
        return command.ExecuteNonQuery();
    }

    public async ValueTask<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string>? groups, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filter = "";
        if (groups is not null)
        {
            var names = groups.Select((g, i) => (g, p: $"$g{i}")).ToList();
            filter = names.Count == 0
                ? "WHERE 0 "
                : $"WHERE owner_group IN ({string.Join(", ", names.Select(n => n.p))}) ";
            foreach (var (g, p) in names)
            {
                command.Parameters.AddWithValue(p, g);
            }
        }

        command.CommandText = "SELECT at_ms, actor, action, target, detail, owner_group FROM audit_log " + filter +
                              "ORDER BY id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
        }

        return entries;
    }
}
