using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Json;

namespace Workflow.Alerting;

/// <summary>How alerts are stored and sent: camelCase, kebab-case enums, short durations, nulls left out.</summary>
public static class AlertJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new DurationJsonConverter() },
    };
}
