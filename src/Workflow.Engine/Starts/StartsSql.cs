using Microsoft.Data.Sqlite;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Starts;

/// <summary>Reads on pooled connections and writes through the engine's single writer, for the starts tables.</summary>
internal sealed class StartsSql(SqliteStore store, WriteLoop writer)
{
    public async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct,
        params object?[] args)
    {
        await using var connection = await store.OpenReadConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, args);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs the statements in one transaction of the writer; each is (sql, arguments).</summary>
    public Task<int> WriteAsync(CancellationToken ct, params (string Sql, object?[] Args)[] statements) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            var changed = 0;
            foreach (var (sql, args) in statements)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                Bind(command, args);
                changed += command.ExecuteNonQuery();
            }

            return changed;
        }).WaitAsync(ct);

    public static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static void Bind(SqliteCommand command, object?[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1), args[i] ?? DBNull.Value);
        }
    }
}
