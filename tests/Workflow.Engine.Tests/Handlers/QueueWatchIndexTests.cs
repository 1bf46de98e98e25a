using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Building;
using Workflow.Engine.Alerts;
using Workflow.Engine.Tests.Alerts;
using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Sla.Backlog;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Handlers;

/// <summary>The <c>queue_watches</c> index: what a backlog poll reads instead of every stored pipeline.</summary>
public sealed class QueueWatchIndexTests
{
    private static readonly TaskDefinition Drain = new()
    {
        Id = "drain",
        Kind = "queue-drain",
        Config = ToJson(new { queue = "orders", handler = "Process" }),
    };

    [Fact]
    public async Task Saves_and_deletes_keep_the_index_to_the_enabled_pipelines_that_drain()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var index = engine.Services.GetRequiredService<IDrainingPipelines>();
        await engine.Workflow.UpsertPipelineAsync(Define("drainer", Drain), null, "test", default);
        await engine.Workflow.UpsertPipelineAsync(Define("plain", Code("a", "noop")), null, "test", default);
        await engine.Workflow.UpsertPipelineAsync(Define("paused", Drain) with { Enabled = false }, null, "test", default);
        var first = await IdsAsync(index);

        // Act: "plain" starts draining, "drainer" is disabled, "paused" is deleted, then "drainer" enabled again.
        await engine.Workflow.UpsertPipelineAsync(Define("plain", Drain), 1, "test", default);
        await engine.Workflow.UpsertPipelineAsync(Define("drainer", Drain) with { Enabled = false }, 1, "test", default);
        await engine.Workflow.DeletePipelineAsync("paused", null, "test", default);
        var second = await IdsAsync(index);
        await engine.Workflow.UpsertPipelineAsync(Define("drainer", Drain), 2, "test", default);
        var third = await IdsAsync(index);

        // Assert
        Assert.Equal(["drainer"], first);
        Assert.Equal(["plain"], second);
        Assert.Equal(["drainer", "plain"], third);
    }

    [Fact]
    public async Task A_poll_does_not_read_the_pipelines_that_drain_no_queue()
    {
        // Arrange: a stored pipeline that drains nothing, whose text does not parse: reading it would throw.
        await using var engine = await AlertTestHost.StartAsync(o => o.MonitorPollInterval = TimeSpan.FromHours(1));
        await engine.Workflow.UpsertPipelineAsync(Define("drainer", Drain), null, "test", default);
        await ExecuteAsync(engine, """
            INSERT INTO pipelines (pipeline_id, version, definition, etag, updated_at, updated_by)
            VALUES ('plain', 1, 'not json', '"v1"', 0, 'test');
            INSERT INTO pipeline_heads (pipeline_id, current_version, owner_group) VALUES ('plain', 1, 'team');
            """);
        var backlog = engine.Services.GetRequiredService<QueueBacklogService>();

        // Act
        var check = await Record.ExceptionAsync(() => backlog.CheckAsync(default));

        // Assert
        Assert.Null(check);
        Assert.Equal(["drainer"], await IdsAsync(engine.Services.GetRequiredService<IDrainingPipelines>()));
    }

    [Fact]
    public async Task A_store_saved_before_the_index_is_indexed_by_its_migration()
    {
        // Arrange: a store whose index migration has not run yet, as one an older engine wrote.
        var directory = TempDirectory.Create();
        await using (var older = await TestEngine.StartAsync(dataDirectory: directory))
        {
            await older.Workflow.UpsertPipelineAsync(Define("drainer", Drain), null, "test", default);
            await older.Workflow.UpsertPipelineAsync(Define("plain", Code("a", "noop")), null, "test", default);
            await ExecuteAsync(older, "DROP TRIGGER queue_watches_deleted; DROP TABLE queue_watches; " +
                                      "DELETE FROM schema_migrations WHERE name = 'queue-watch-index';");
        }

        // Act
        await using var upgraded = await TestEngine.StartAsync(dataDirectory: directory);
        var draining = await IdsAsync(upgraded.Services.GetRequiredService<IDrainingPipelines>());

        // Assert
        Assert.Equal(["drainer"], draining);
    }

    [Fact]
    public async Task A_generated_pipeline_that_drains_is_watched_unless_a_stored_one_has_its_id()
    {
        // Arrange
        var source = new ListedSource(Define("generated", Drain) with { Version = 1 },
            Define("shadowed", Drain) with { Version = 1 });
        await using var engine = await TestEngine.StartAsync(s => s.AddSingleton<IPipelineSource>(source));
        await engine.Workflow.UpsertPipelineAsync(Define("shadowed", Code("a", "noop")), null, "test", default);

        // Act
        var draining = await IdsAsync(engine.Services.GetRequiredService<IDrainingPipelines>());

        // Assert
        Assert.Equal(["generated"], draining);
    }

    private static async Task<string[]> IdsAsync(IDrainingPipelines index) =>
        [.. (await index.ListDrainingAsync(default)).Select(d => d.Id).Order(StringComparer.Ordinal)];

    private static async Task ExecuteAsync(TestEngine engine, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(engine.DataDirectory, "workflow.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed class ListedSource(params PipelineDefinition[] definitions) : IPipelineSource
    {
        public ValueTask<IReadOnlyList<PipelineDefinition>> ListAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<PipelineDefinition>>(definitions);

        public ValueTask<PipelineDefinition> DefineAsync(string pipelineId, PipelineContext context,
            CancellationToken cancellationToken) =>
            ValueTask.FromResult(definitions.Single(d => d.Id == pipelineId));
    }
}
