using System.Text.Json;
using Microsoft.DurableTask.Client;
using Workflow.Durable;

namespace Workflow.Functions.Services;

/// <summary>Durable's metadata of a run orchestration as a <see cref="RunInstanceView"/>.</summary>
internal static class InstanceViews
{
    private static readonly JsonSerializerOptions HubJson =
        new() { IncludeFields = true, PropertyNameCaseInsensitive = true };

    public static RunInstanceView From(OrchestrationMetadata m) => new(
        m.InstanceId,
        m.RuntimeStatus.ToString(),
        m.CreatedAt,
        m.LastUpdatedAt,
        Read<PipelineRunInput>(m.SerializedInput),
        Read<RunProgress>(m.SerializedCustomStatus),
        Read<RunOutcome>(m.SerializedOutput),
        m.FailureDetails?.ErrorMessage);

    /// <summary>
    /// Reads what the task hub stored. In the isolated worker, Durable serializes through the worker's
    /// <c>WorkerOptions.Serializer</c> (System.Text.Json; property names as declared, or camelCase if configured), so
    /// names are matched case-insensitively; the Core records have no public fields, so IncludeFields changes nothing.
    /// </summary>
    private static T? Read<T>(string? json) where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, HubJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
