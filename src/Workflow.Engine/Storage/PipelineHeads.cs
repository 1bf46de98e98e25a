using Workflow.Engine.Runtime;
using Workflow.Json;
using Workflow.Services;

namespace Workflow.Engine.Storage;

/// <summary>The current version of each pipeline and whether it was deleted.</summary>
internal static class PipelineHeads
{
    public static string ETag(int version) => $"\"v{version}\"";

    public static (int Version, bool Deleted)? Read(WriteContext context, string pipelineId)
    {
        var command = context.KeptCommand(
            "SELECT current_version, deleted FROM pipeline_heads WHERE pipeline_id = $id;");
        command.Parameters.AddWithValue("$id", pipelineId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetInt32(1) != 0) : null;
    }

    public static PipelineRecord? Record(WriteContext context, string pipelineId, int version)
    {
        using var command = context.Command(
            "SELECT definition, etag, updated_at, updated_by FROM pipelines WHERE pipeline_id = $id AND version = $v;");
        command.Parameters.AddWithValue("$id", pipelineId);
        command.Parameters.AddWithValue("$v", version);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new PipelineRecord(PipelineJson.Parse(reader.GetString(0)), version, reader.GetString(1),
                UnixTime.FromMs(reader.GetInt64(2)), reader.GetString(3))
            : null;
    }
}
