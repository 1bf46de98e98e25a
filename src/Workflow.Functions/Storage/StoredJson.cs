using System.Text.Json;
using Workflow.Json;

namespace Workflow.Functions.Storage;

/// <summary>The JSON form of stored records: the model's own contract (camelCase, kebab-case enums, short durations).</summary>
internal static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(WorkflowJsonContext.Default.Options)
    {
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            WorkflowJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };
}
