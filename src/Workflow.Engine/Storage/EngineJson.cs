using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Execution;
using Workflow.Json;

namespace Workflow.Engine.Storage;

/// <summary>
/// How the engine stores events, decider state and outputs: the decider's own JSON contract for events and
/// snapshots, raw JSON text for outputs and configs.
/// </summary>
internal static class EngineJson
{
    public static string Serialize(RunEvent value) => RunJson.Serialize(value);

    public static RunEvent DeserializeEvent(string json) => RunJson.DeserializeEvent(json);

    public static string SerializeState(RunState state) => RunDecider.Snapshot(state);

    public static RunState DeserializeState(string json) => RunDecider.Restore(json);

    public static string? Raw(JsonElement? value) => value?.GetRawText();

    public static JsonElement? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(DurationJsonConverter)])]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
