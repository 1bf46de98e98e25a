using System.Text.Json;
using Workflow.Model;

namespace Workflow.Json;

/// <summary>Reads and writes pipeline definitions in their JSON form.</summary>
public static class PipelineJson
{
    public static PipelineDefinition Parse(string json) =>
        JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.PipelineDefinition)
        ?? throw new JsonException("The pipeline JSON is 'null'; expected an object with at least 'id', 'ownerGroup' and 'tasks'.");

    /// <summary>
    /// Whether saving <paramref name="proposed"/> over <paramref name="stored"/> would change nothing: their JSON forms
    /// are equal, the version number aside. Both hosts' saves answer such a save with the stored version, so a
    /// repeated PUT (a deploy that reapplies every file) makes no version and no audit entry.
    /// </summary>
    public static bool SameContent(PipelineDefinition stored, PipelineDefinition proposed)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(proposed);
        return Serialize(stored with { Version = 0 }) == Serialize(proposed with { Version = 0 });
    }

    public static string Serialize(PipelineDefinition definition, bool indented = false)
    {
        var options = indented
            ? new JsonSerializerOptions(WorkflowJsonContext.Default.Options) { WriteIndented = true }
            : WorkflowJsonContext.Default.Options;
        return JsonSerializer.Serialize(definition, options.GetTypeInfo(typeof(PipelineDefinition)));
    }
}
