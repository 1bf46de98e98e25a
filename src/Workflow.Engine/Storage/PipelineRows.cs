using Microsoft.Data.Sqlite;
using Workflow.Json;
using Workflow.Model;

namespace Workflow.Engine.Storage;

/// <summary>Reads of stored pipeline definitions that work on any connection, the writer's included.</summary>
internal static class PipelineRows
{
    /// <summary>The current version of a pipeline that is not deleted, or null.</summary>
    public static PipelineDefinition? Current(SqliteConnection connection, SqliteTransaction? transaction, string pipelineId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT p.definition FROM pipeline_heads h
            JOIN pipelines p ON p.pipeline_id = h.pipeline_id AND p.version = h.current_version
            WHERE h.pipeline_id = $id AND h.deleted = 0;
            """;
        command.Parameters.AddWithValue("$id", pipelineId);
        return command.ExecuteScalar() is string json ? PipelineJson.Parse(json) : null;
    }

    public static PipelineDefinition? Version(SqliteConnection connection, SqliteTransaction? transaction,
        string pipelineId, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT definition FROM pipelines WHERE pipeline_id = $id AND version = $v;";
        command.Parameters.AddWithValue("$id", pipelineId);
        command.Parameters.AddWithValue("$v", version);
        return command.ExecuteScalar() is string json ? PipelineJson.Parse(json) : null;
    }
}
