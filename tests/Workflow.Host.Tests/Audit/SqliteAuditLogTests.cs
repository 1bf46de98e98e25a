using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Audit;
using Workflow.Engine.Retention;
using Workflow.Host.Audit;

namespace Workflow.Host.Tests.Audit;

public sealed class SqliteAuditLogTests : IDisposable
{
    /// <summary>The table the audit log created for itself before it went through the engine's migrations.</summary>
    private const string OldSchema =
        "CREATE TABLE IF NOT EXISTS audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, " +
        "actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT, owner_group TEXT NOT NULL); " +
        "CREATE INDEX IF NOT EXISTS audit_log_group ON audit_log (owner_group, id);";

    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("wf-audit-").FullName;

    private string DatabasePath => Path.Combine(_directory, "workflow.db");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_trail_the_old_log_wrote_keeps_its_rows_and_the_audit_migration_is_recorded(bool engineRanBefore)
    {
        // Arrange: a data file as the old code left it: the engine's schema (or none), and an audit table with rows.
        if (engineRanBefore)
        {
            await using var old = await InProcessEngine.StartAsync(_directory, configure: null);
        }

        await SqliteFile.ExecuteAsync(DatabasePath, OldSchema +
            "INSERT INTO audit_log (at_ms, actor, action, target, detail, owner_group) VALUES " +
            $"({Noon.ToUnixTimeMilliseconds()}, 'erin', 'pipeline.create', 'etl', NULL, 'data-eng'), " +
            $"({Noon.AddMinutes(1).ToUnixTimeMilliseconds()}, 'olga', 'run.trigger', 'etl@1', 'manual', 'data-eng');");

        // Act
        await using var engine = await InProcessEngine.StartAsync(_directory, s => s.AddSqliteAuditLog());
        var log = engine.Services.GetRequiredService<IAuditLog>();
        await log.AppendAsync(new AuditEntry(Noon.AddMinutes(2), "olga", "run.cancel", "etl@1", null, "data-eng"),
            CancellationToken.None);
        var entries = await log.ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Equal(["run.cancel", "run.trigger", "pipeline.create"], entries.Select(e => e.Action));
        Assert.Equal(new AuditEntry(Noon.AddMinutes(1), "olga", "run.trigger", "etl@1", "manual", "data-eng"),
            entries[1]);
        var versions = await SqliteFile.QueryLongsAsync(DatabasePath, "SELECT version FROM schema_migrations;");
        Assert.Contains(1L, versions);
        Assert.Contains(400L, versions);
    }

    [Fact]
    public async Task Entries_are_written_to_the_engines_database_and_listed_newest_first_per_group()
    {
        // Arrange
        await using var engine = await InProcessEngine.StartAsync(_directory, s => s.AddSqliteAuditLog());
        var log = engine.Services.GetRequiredService<IAuditLog>();

        // Act
        await log.AppendAsync(new AuditEntry(Noon, "erin", "pipeline.create", "a", null, "finance"),
            CancellationToken.None);
        await log.AppendAsync(new AuditEntry(Noon, "erin", "pipeline.create", "b", null, "data-eng"),
            CancellationToken.None);
        await log.AppendAsync(new AuditEntry(Noon, "erin", "pipeline.update", "c", "v2", "finance"),
            CancellationToken.None);
        var finance = await log.ListAsync(["finance"], 10, CancellationToken.None);
        var none = await log.ListAsync([], 10, CancellationToken.None);

        // Assert
        Assert.Equal(["c", "a"], finance.Select(e => e.Target));
        Assert.Empty(none);
        Assert.Equal([3L], await SqliteFile.QueryLongsAsync(DatabasePath, "SELECT count(*) FROM audit_log;"));
    }

    [Fact]
    public async Task The_retention_purge_deletes_entries_older_than_the_retention_and_keeps_the_rest()
    {
        // Arrange
        await using var engine = await InProcessEngine.StartAsync(_directory, s => s.AddSqliteAuditLog());
        var now = TimeProvider.System.GetUtcNow();
        var log = engine.Services.GetRequiredService<IAuditLog>();
        foreach (var (target, age) in new[] { ("old", TimeSpan.FromDays(31)), ("recent", TimeSpan.FromDays(29)) })
        {
            await log.AppendAsync(new AuditEntry(now - age, "erin", "pipeline.create", target, null, "data-eng"),
                CancellationToken.None);
        }

        // Act
        await engine.Services.GetRequiredService<RetentionPurger>().PurgeAsync(CancellationToken.None);

        // Assert
        var entries = await log.ListAsync(null, 10, CancellationToken.None);
        Assert.Equal(["recent"], entries.Select(e => e.Target));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the OS cleans its temp folder.
        }
    }
}
