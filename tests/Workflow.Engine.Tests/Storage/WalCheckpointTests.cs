using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Storage;

public sealed class WalCheckpointTests
{
    [Fact]
    public async Task Past_the_page_threshold_the_background_thread_moves_the_WAL_into_the_database_not_the_commits()
    {
        // Arrange: a low threshold, and no timer, so only the pages the commits wrote can wake the checkpointer.
        await using var engine = await StartAsync(o =>
        {
            o.WalCheckpointPages = 50;
            o.WalCheckpointInterval = TimeSpan.Zero;
        });
        var runtime = engine.Services.GetRequiredService<EngineRuntime>();
        var databaseBefore = FileLength(engine.DataDirectory, "workflow.db");

        // Act: enough tasks to write well past 50 pages; in WAL mode only a checkpoint writes the database file.
        var status = await RunAsync(engine, "wide", 300);
        await Poll.UntilAsync(() => FileLength(engine.DataDirectory, "workflow.db") > databaseBefore,
            "a checkpoint to copy the run's pages into the database file");

        // Assert: the writer's own commits never checkpoint; the background thread did it, and none ran on the commit.
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(0, await WriterPragmaAsync(engine, "PRAGMA wal_autocheckpoint;"));
        Assert.True(runtime.Checkpoints.BackgroundCheckpoints > 0);
        Assert.Equal(0, runtime.Checkpoints.CommitThreadCheckpoints);
    }

    [Fact]
    public async Task A_reader_pinning_the_WAL_past_its_limit_has_the_commit_thread_restart_it_once_the_reader_ends()
    {
        // Arrange: a small limit, and a reader that keeps a snapshot open, as a long report query would.
        const int limitPages = 200;
        await using var engine = await StartAsync(o =>
        {
            o.WalCheckpointPages = 20;
            o.WalLimitPages = limitPages;
            o.WalCheckpointInterval = TimeSpan.Zero;
        });
        var runtime = engine.Services.GetRequiredService<EngineRuntime>();
        var path = Path.Combine(engine.DataDirectory, "workflow.db");
        var limitBytes = limitPages * await WriterPragmaAsync(engine, "PRAGMA page_size;");
        await using var reader = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
        }.ToString());
        await reader.OpenAsync();
        var snapshot = reader.BeginTransaction(deferred: true);
        await using (var read = reader.CreateCommand())
        {
            read.Transaction = snapshot;
            read.CommandText = "SELECT count(*) FROM runs;";
            await read.ExecuteScalarAsync();
        }

        // Act: runs until the WAL is past its limit; no checkpoint can start it over while the snapshot is open.
        var runs = 0;
        while (FileLength(engine.DataDirectory, "workflow.db-wal") <= limitBytes)
        {
            Assert.Equal(RunStatus.Succeeded, await RunAsync(engine, $"pinned-{runs++}", 100));
            Assert.True(runs < 200, "The WAL did not grow past its limit.");
        }

        Assert.Equal(0, runtime.Checkpoints.CommitThreadCheckpoints);
        snapshot.Rollback();
        await reader.CloseAsync();
        Assert.Equal(RunStatus.Succeeded, await RunAsync(engine, "after", 10));

        // Assert: a commit found the reader gone and finished the checkpoint, so the commits after it wrote the WAL
        // from its beginning again (SQLite counts its pages from there), and what the runs wrote is all there.
        await Poll.UntilAsync(() => runtime.Checkpoints.CommitThreadCheckpoints > 0,
            "the commit thread to checkpoint the WAL past its limit");
        Assert.Equal(RunStatus.Succeeded, await RunAsync(engine, "restarted", 10));
        // BUSY (-1 pages) while the engine's own checkpointer runs one: asked again then.
        Assert.InRange(await Poll.GetAsync(() => WalPagesAsync(path), pages => pages >= 0, "a checkpoint not BUSY"),
            0, limitPages - 1);
        var succeeded = await SqliteFile.QueryLongsAsync(path, "SELECT count(*) FROM runs WHERE status = 'succeeded';");
        Assert.Equal(runs + 2, succeeded.Single());
    }

    private static Task<TestEngine> StartAsync(Action<EngineOptions> options) => TestEngine.StartAsync(
        s => s.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<JsonElement?>(null)), options: options);

    private static async Task<RunStatus> RunAsync(TestEngine engine, string id, int tasks)
    {
        var children = Enumerable.Range(1, tasks).Select(i => Code($"t{i}", "noop", null, "t0"));
        var run = await engine.StartRunAsync(Define(id, [Code("t0", "noop"), .. children]));
        return await engine.WaitAsync(run.RunId);
    }

    /// <summary>A pragma's value on the writer's own connection, which is the one whose settings matter here.</summary>
    private static Task<long> WriterPragmaAsync(TestEngine engine, string pragma) =>
        engine.Services.GetRequiredService<WriteLoop>().ExecuteAsync((connection, transaction) =>
        {
            using var command = SqliteStore.Command(connection, transaction, pragma);
            return (long)command.ExecuteScalar()!;
        });

    /// <summary>
    /// How many pages the WAL holds, as <c>PRAGMA wal_checkpoint</c> answers (its second column); -1 when it found
    /// another checkpoint running.
    /// </summary>
    private static async Task<long> WalPagesAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // A read first: a connection that has read nothing has not opened the WAL, and would answer -1.
        command.CommandText = "SELECT count(*) FROM sqlite_schema;";
        await command.ExecuteScalarAsync();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return row.GetInt64(1);
    }

    private static long FileLength(string directory, string name)
    {
        var file = new FileInfo(Path.Combine(directory, name));
        return file.Exists ? file.Length : 0;
    }
}
