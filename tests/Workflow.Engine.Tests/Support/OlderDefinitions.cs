using Microsoft.Data.Sqlite;
using Workflow.Model;

namespace Workflow.Engine.Tests.Support;

/// <summary>
/// A definition as an older engine stored it, before a rule refused part of it: saved valid, then its stored JSON
/// edited in the database file with SQLite's <c>json_set</c>, with the engine stopped.
/// </summary>
public static class OlderDefinitions
{
    /// <param name="data">The engine's data directory.</param>
    /// <param name="definition">Saved first, as version 1.</param>
    /// <param name="jsonSet">The path and value pairs of <c>json_set</c>, such as <c>'$.schedules[0].every', '5m'</c>.</param>
    /// <param name="parameters">Values the pairs name as <c>$name</c>.</param>
    public static async Task StoreAsync(string data, PipelineDefinition definition, string jsonSet,
        params (string Name, object Value)[] parameters)
    {
        await using (var engine = await TestEngine.StartAsync(dataDirectory: data))
        {
            await engine.Workflow.UpsertPipelineAsync(definition, null, "test", CancellationToken.None);
        }

        await using var connection = new SqliteConnection(
            $"Data Source={Path.Combine(data, "workflow.db")};Pooling=False");
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText =
            $"UPDATE pipelines SET definition = json_set(definition, {jsonSet}) WHERE pipeline_id = $id;";
        update.Parameters.AddWithValue("$id", definition.Id);
        foreach (var (name, value) in parameters)
        {
            update.Parameters.AddWithValue(name, value);
        }

        if (await update.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException($"No stored pipeline '{definition.Id}' to edit.");
        }
    }
}
