using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Storage;

/// <summary>Applies the migrations that are not yet recorded in <c>schema_migrations</c>, each in its own transaction.</summary>
internal sealed class MigrationRunner(IEnumerable<Migration> migrations, ILogger<MigrationRunner> logger)
{
    public async ValueTask ApplyAsync(SqliteConnection connection, long nowMs, CancellationToken cancellationToken)
    {
        await SqliteStore.ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, " +
            "applied_at INTEGER NOT NULL);", cancellationToken);
        var applied = new HashSet<int>();
        await using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT version FROM schema_migrations;";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var ordered = migrations.OrderBy(m => m.Version).ToList();
        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}. " +
                "Give each migration its own version number.");
        }

        foreach (var migration in ordered.Where(m => !applied.Contains(m.Version)))
        {
            Log.MigrationStarting(logger, migration.Version, migration.Name);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = migration.Sql;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t);";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$t", nowMs);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            Log.MigrationApplied(logger, migration.Version, migration.Name);
        }
    }
}
