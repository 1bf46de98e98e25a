using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>A delivery is durable before its handler runs, so a crash during a side effect never hides a rerun.</summary>
public sealed class DeliveryRecordTests
{
    [Fact]
    public async Task The_handler_finds_its_own_delivery_already_committed_as_running()
    {
        // Arrange: the handler reads the store from its own connection, as a crash would leave it.
        (string Status, long Deliveries)? seen = null;
        SqliteStore? store = null;
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("look", async (context, _, ct) =>
        {
            await using var connection = await store!.OpenReadConnectionAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT status, deliveries FROM task_attempts WHERE run_id = $run AND task_key = $task AND attempt = 1;
                """;
            command.Parameters.Add(new SqliteParameter("$run", context.RunId));
            command.Parameters.Add(new SqliteParameter("$task", context.TaskKey));
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            seen = (reader.GetString(0), reader.GetInt64(1));
            return (JsonElement?)null;
        }));
        store = engine.Services.GetRequiredService<SqliteStore>();

        // Act
        var run = await engine.StartRunAsync(Pipelines.Define("delivery-first", Pipelines.Code("a", "look")));
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(("running", 1L), seen);
    }
}
