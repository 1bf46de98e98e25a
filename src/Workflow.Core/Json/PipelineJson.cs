using System.Text.Json;
using Workflow.Model;

namespace Workflow.Json;

/// <summary>Reads and writes pipeline definitions in their JSON form.</summary>
public static class PipelineJson
{
    public static PipelineDefinition Parse(string json) =>
        JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.PipelineDefinition)
        ?? throw new JsonException("The pipeline JSON is 'null'; expected an object with at least 'id', 'ownerGroup' and 'tasks'.");

    public static string Serialize(PipelineDefinition definition, bool indented = false)
    {
        var options = indented
            ? new JsonSerializerOptions(WorkflowJsonContext.Default.Options) { WriteIndented = true }
            : WorkflowJsonContext.Default.Options;
        return JsonSerializer.Serialize(definition, options.GetTypeInfo(typeof(PipelineDefinition)));
    }
}
