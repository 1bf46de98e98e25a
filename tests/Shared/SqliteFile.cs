using Microsoft.Data.Sqlite;

namespace Workflow.Tests.Shared;

/// <summary>
/// Plain connections to a SQLite file, outside the engine: to lay out a file as an older build left it, and to
/// read back what the engine wrote without going through the code under test.
/// </summary>
internal static class SqliteFile
{
    public static async Task ExecuteAsync(string path, string sql)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row, as integers.</summary>
    public static Task<List<long>> QueryLongsAsync(string path, string sql) =>
        QueryAsync(path, sql, reader => reader.GetInt64(0));

    /// <summary>The first column of every row, as text.</summary>
    public static Task<List<string>> QueryTextsAsync(string path, string sql) =>
        QueryAsync(path, sql, reader => reader.GetString(0));

    private static async Task<List<T>> QueryAsync<T>(string path, string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(read(reader));
        }

        return values;
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        // No pooling: the file must be free for the engine (and for deletion) as soon as the helper returns.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
