using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Scheduling;

public sealed class SqliteWatermarkStoreTests
{
    /// <summary>The table the watermark store created for itself before it went through the engine's migrations.</summary>
    private const string OldSchema =
        "CREATE TABLE IF NOT EXISTS schedule_watermarks (pipeline_id TEXT NOT NULL, schedule_key TEXT NOT NULL, " +
        "watermark INTEGER NOT NULL, PRIMARY KEY (pipeline_id, schedule_key)) WITHOUT ROWID;";

    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Watermarks_the_old_store_wrote_on_a_file_the_engine_never_opened_survive_the_engine_migrations()
    {
        // Arrange: a data file as the old store left it, with no engine schema and no schema_migrations.
        var directory = TempDirectory.Create();
        var path = Path.Combine(directory, "workflow.db");
        await SqliteFile.ExecuteAsync(path, OldSchema +
            $"INSERT INTO schedule_watermarks VALUES ('nightly', 'cron-0', {Monday.ToUnixTimeMilliseconds()});");

        // Act
        await using var engine = await TestEngine.StartAsync(dataDirectory: directory);
        var loaded = await StoreOf(engine).LoadAsync(CancellationToken.None);

        // Assert
        Assert.Equal(Monday, loaded[("nightly", "cron-0")]);
        Assert.Contains(1L, await SqliteFile.QueryLongsAsync(path, "SELECT version FROM schema_migrations;"));
    }

    [Fact]
    public async Task An_advance_is_compare_and_set_and_is_still_there_after_a_restart()
    {
        // Arrange
        var directory = TempDirectory.Create();
        var next = Monday.AddHours(1);
        bool first, again, stale, moved;
        await using (var engine = await TestEngine.StartAsync(dataDirectory: directory))
        {
            var store = StoreOf(engine);

            // Act
            first = await store.TryAdvanceAsync("p", "k", null, Monday, CancellationToken.None);
            again = await store.TryAdvanceAsync("p", "k", null, next, CancellationToken.None);
            stale = await store.TryAdvanceAsync("p", "k", next, next.AddHours(1), CancellationToken.None);
            moved = await store.TryAdvanceAsync("p", "k", Monday, next, CancellationToken.None);
        }

        await using var restarted = await TestEngine.StartAsync(dataDirectory: directory);
        var loaded = await StoreOf(restarted).LoadAsync(CancellationToken.None);

        // Assert
        Assert.True(first);
        Assert.False(again);
        Assert.False(stale);
        Assert.True(moved);
        Assert.Equal(next, Assert.Single(loaded).Value);
    }

    [Fact]
    public async Task The_scheduler_registers_a_store_on_the_engines_database()
    {
        // Arrange
        var directory = TempDirectory.Create();
        await using var engine = await TestEngine.StartAsync(s => s.AddWorkflowScheduler(), dataDirectory: directory);
        var store = engine.Services.GetRequiredService<IWatermarkStore>();

        // Act
        await store.TryAdvanceAsync("p", "k", null, Monday, CancellationToken.None);

        // Assert: the row is in the engine's own file, read with a plain connection.
        var rows = await SqliteFile.QueryLongsAsync(Path.Combine(directory, "workflow.db"),
            "SELECT watermark FROM schedule_watermarks WHERE pipeline_id = 'p';");
        Assert.Equal([Monday.ToUnixTimeMilliseconds()], rows);
    }

    private static SqliteWatermarkStore StoreOf(TestEngine engine) =>
        new(engine.Services.GetRequiredService<SqliteStore>(), engine.Services.GetRequiredService<WriteLoop>());
}
