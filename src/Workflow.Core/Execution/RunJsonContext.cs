using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Json;

namespace Workflow.Execution;

/// <summary>
/// The source-generated JSON contract of run events, commands and decider state, with the same
/// conventions as the model (camelCase, kebab-case enums, short durations).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(DurationJsonConverter)])]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(RunCommand))]
[JsonSerializable(typeof(List<RunEvent>))]
[JsonSerializable(typeof(List<RunCommand>))]
public sealed partial class RunJsonContext : JsonSerializerContext;
