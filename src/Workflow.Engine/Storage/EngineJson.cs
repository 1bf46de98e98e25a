using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Execution;
using Workflow.Json;

namespace Workflow.Engine.Storage;

/// <summary>
/// How the engine stores decider state and outputs: the decider's own JSON contract for snapshots (written as UTF-8
/// text straight from the serializer), raw JSON text for outputs and configs. Events are <see cref="RunEventCodec"/>'s.
/// </summary>
internal static class EngineJson
{
    public static byte[] SerializeState(RunState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, RunJsonContext.Default.RunState);

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
