using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Handlers.Queue;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;
using Workflow.Json;
using Workflow.Model;
using Workflow.Queues;

namespace Workflow.Engine.Tests.Storage;

public sealed class QueueMigrationTests
{
    [Fact]
    public async Task Messages_an_older_build_queued_move_to_the_group_of_the_pipeline_that_drains_them()
    {
        // Arrange: a data file at schema version 1, with a pipeline of group 'team' draining 'orders', a message
        // waiting there and one in a queue that no pipeline drains.
        var directory = TempDirectory.Create();
        var path = Path.Combine(directory, "workflow.db");
        var definition = PipelineJson.Serialize(Pipelines.Define("drainer", new TaskDefinition
        {
            Id = "drain",
            Kind = "queue-drain",
            Config = Pipelines.ToJson(new { queue = "orders" }),
        })).Replace("'", "''", StringComparison.Ordinal);
        await SqliteFile.ExecuteAsync(path, EngineSchema.Migrations[0].Sql +
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);" +
            "INSERT INTO schema_migrations VALUES (1, 'engine-core', 0);" +
            $"INSERT INTO pipelines VALUES ('drainer', 1, '{definition}', 'e1', 0, 'test');" +
            "INSERT INTO pipeline_heads VALUES ('drainer', 1, 'team', 0);" +
            "INSERT INTO queue_messages (queue, body, enqueued_at) VALUES ('orders', '{\"n\":1}', 0), ('stray', '2', 0);");

        // Act
        await using var engine = await TestEngine.StartAsync(dataDirectory: directory);
        var queue = engine.Services.GetRequiredService<LocalQueue>();
        var received = await queue.ReceiveAsync(QueueAddress.Create("team", "orders"), 10, TimeSpan.FromMinutes(1),
            CancellationToken.None);

        // Assert
        var message = Assert.Single(received);
        Assert.Equal((1, 1L), (message.Body.GetProperty("n").GetInt32(), message.DequeueCount));
        Assert.Equal([1L], await SqliteFile.QueryLongsAsync(path, "SELECT count(*) FROM queue_messages WHERE queue = 'stray';"));
        Assert.Contains(2L, await SqliteFile.QueryLongsAsync(path, "SELECT version FROM schema_migrations;"));
    }
}
