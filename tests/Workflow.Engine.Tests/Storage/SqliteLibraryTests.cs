using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Storage;

/// <summary>
/// The writer's connection keeps serving its statements' small allocations from its lookaside while the prepared
/// statements of the hot path hold slots for as long as the connection lives (<see cref="SqliteLibrary"/>).
/// </summary>
public sealed class SqliteLibraryTests
{
    private const int HeldStatements = 40;

    [Fact]
    public async Task WriterConnection_WithManyPreparedStatementsHeld_DoesNotRunOutOfLookaside()
    {
        // Arrange: as many statements prepared and kept as a writer keeps, each holding lookaside slots.
        var store = new SqliteStore(Options.Create(new EngineOptions { DataDirectory = TempDirectory.Create() }));
        await using var connection = await store.OpenWriteConnectionAsync(autoCheckpoint: true, CancellationToken.None);
        await SqliteStore.ExecuteAsync(connection, """
            CREATE TABLE rows (run_id TEXT NOT NULL, task_key TEXT NOT NULL, body TEXT,
                PRIMARY KEY (run_id, task_key)) WITHOUT ROWID;
            """, CancellationToken.None);
        var held = Enumerable.Range(0, HeldStatements).Select(i => new PreparedStatement(connection,
            $"INSERT INTO rows (run_id, task_key, body) VALUES (?1, ?2 || '-{i}', ?3) ON CONFLICT DO NOTHING;", 3))
            .ToList();
        var db = connection.Handle!;
        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_LOOKASIDE_MISS_FULL, out _, out _, 1);

        // Act: rows written through the held statements, text bound as the commit thread binds it.
        for (var i = 0; i < 500; i++)
        {
            held[i % HeldStatements].Execute([SqlValue.Text("fanout-10000@manual-20261207T225300000Z-0a1b2c"),
                SqlValue.Text($"t{i}"), SqlValue.Text("{\"handler\":\"noop\"}")]);
        }

        // Assert
        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_LOOKASIDE_MISS_FULL, out _, out var missedWhenFull, 0);
        Assert.Equal(0, missedWhenFull);
        held.ForEach(statement => statement.Dispose());
    }
}
