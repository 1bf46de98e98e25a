using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Storage;

/// <summary>
/// A prepared statement binds a parameter again only when its value changed since the last execution
/// (<see cref="PreparedStatement"/>): rows must still hold exactly what each execution was given.
/// </summary>
public sealed class PreparedStatementTests
{
    private static readonly byte[] RunId = Encoding.UTF8.GetBytes("fanout-10000@manual-20261208T012400000Z-0a1b2c");

    [Fact]
    public async Task Execute_ValuesRepeatedChangedAndNull_EachRowHoldsWhatItWasGiven()
    {
        // Arrange
        await using var connection = await OpenAsync();
        using var insert = InsertRow(connection);
        var succeeded = Encoding.UTF8.GetBytes("succeeded");
        var rows = new (string Key, SqlValue Attempt, SqlValue Status, SqlValue Output, string Expected)[]
        {
            ("a", SqlValue.Of(1), SqlValue.Utf8(succeeded), SqlValue.Text("{\"n\":1}"), "1|succeeded|{\"n\":1}"),
            ("b", SqlValue.Of(1), SqlValue.Utf8(succeeded), SqlValue.Null, "1|succeeded|<null>"),
            ("c", SqlValue.Of(2), SqlValue.Null, SqlValue.Null, "2|<null>|<null>"),
            ("d", SqlValue.Of(2), SqlValue.Utf8(succeeded), SqlValue.Text(""), "2|succeeded|"),
            ("e", SqlValue.Null, SqlValue.Text("failed"), SqlValue.Text(""), "<null>|failed|"),
            ("f", SqlValue.Of(1.5), SqlValue.Text("failed"), SqlValue.Blob([1, 2]), "1.5|failed|0102"),
        };

        // Act
        foreach (var row in rows)
        {
            insert.Execute([SqlValue.Utf8(RunId), SqlValue.Text(row.Key), row.Attempt, row.Status, row.Output]);
        }

        // Assert
        var stored = await ReadAsync(connection);
        Assert.Equal(rows.Select(r => $"{r.Key}|{r.Expected}"), stored);
    }

    [Fact]
    public async Task Execute_SameArraysAgain_CopiesNoTextIntoSqlite()
    {
        // Arrange: SQLite copies each text it is bound to into the connection's lookaside; a parameter bound to the
        // array it already holds is not bound again, so nothing is copied for it.
        await using var connection = await OpenAsync();
        using var insert = InsertRow(connection);
        var status = Encoding.UTF8.GetBytes("succeeded");
        var output = Encoding.UTF8.GetBytes("{\"value\":\"some output\"}");
        insert.Execute([SqlValue.Utf8(RunId), SqlValue.Of(-1), SqlValue.Of(1), SqlValue.Utf8(status),
            SqlValue.Utf8(output)]);

        // Act
        var same = LookasideHits(connection, () =>
        {
            for (var i = 0; i < 50; i++)
            {
                insert.Execute([SqlValue.Utf8(RunId), SqlValue.Of(i), SqlValue.Of(1), SqlValue.Utf8(status),
                    SqlValue.Utf8(output)]);
            }
        });
        var copies = LookasideHits(connection, () =>
        {
            for (var i = 50; i < 100; i++)
            {
                insert.Execute([SqlValue.Utf8([.. RunId]), SqlValue.Of(i), SqlValue.Of(1), SqlValue.Utf8([.. status]),
                    SqlValue.Utf8([.. output])]);
            }
        });

        // Assert: three texts a row copied with fresh arrays, none with the same ones (what else a row allocates is
        // the same either way).
        Assert.True(copies - same >= 2 * 50, $"lookaside hits {same} with the same arrays, {copies} with copies");
        Assert.Equal(101, (await ReadAsync(connection)).Count);
    }

    private static async Task<SqliteConnection> OpenAsync()
    {
        var store = new SqliteStore(Options.Create(new EngineOptions { DataDirectory = TempDirectory.Create() }));
        var connection = await store.OpenWriteConnectionAsync(autoCheckpoint: true, CancellationToken.None);
        await SqliteStore.ExecuteAsync(connection, """
            CREATE TABLE rows (run_id TEXT NOT NULL, task_key ANY NOT NULL, attempt ANY, status TEXT, output ANY,
                PRIMARY KEY (run_id, task_key)) WITHOUT ROWID;
            """, CancellationToken.None);
        return connection;
    }

    private static PreparedStatement InsertRow(SqliteConnection connection) => new(connection,
        "INSERT INTO rows (run_id, task_key, attempt, status, output) VALUES (?1, ?2, ?3, ?4, ?5);", 5);

    private static int LookasideHits(SqliteConnection connection, Action write)
    {
        var db = connection.Handle!;
        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_LOOKASIDE_HIT, out _, out _, 1);
        write();
        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_LOOKASIDE_HIT, out _, out var hits, 1);
        return hits;
    }

    private static async Task<List<string>> ReadAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT task_key, coalesce(CAST(attempt AS TEXT), '<null>'), coalesce(status, '<null>'),
                CASE typeof(output) WHEN 'null' THEN '<null>' WHEN 'blob' THEN hex(output) ELSE output END
            FROM rows WHERE run_id = $run ORDER BY task_key;
            """;
        command.Parameters.AddWithValue("$run", Encoding.UTF8.GetString(RunId));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetValue(0)}|{reader.GetValue(1)}|{reader.GetValue(2)}|{reader.GetValue(3)}");
        }

        return rows;
    }
}
