using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Workflow.Execution;
using Workflow.Json;

namespace Workflow.Engine.Storage;

/// <summary>
/// How the engine writes events, decider state and outputs: the model's JSON contract (camelCase, kebab-case enums,
/// short durations), source-generated for events, reflection for the decider's state whose shape it does not own.
/// </summary>
internal static class EngineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new DurationJsonConverter(), new JsonStringEnumConverter() },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(
            EngineJsonContext.Default, WorkflowJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize(RunEvent value) => JsonSerializer.Serialize(value, Options.GetTypeInfo(typeof(RunEvent)));

    public static RunEvent DeserializeEvent(string json) =>
        (RunEvent)(JsonSerializer.Deserialize(json, Options.GetTypeInfo(typeof(RunEvent)))
                   ?? throw new JsonException("A stored run event is null."));

    public static string SerializeState(RunState state) => JsonSerializer.Serialize(state, Options.GetTypeInfo(typeof(RunState)));

    public static RunState DeserializeState(string json) =>
        (RunState)(JsonSerializer.Deserialize(json, Options.GetTypeInfo(typeof(RunState)))
                   ?? throw new JsonException("A stored run snapshot is null."));

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
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
