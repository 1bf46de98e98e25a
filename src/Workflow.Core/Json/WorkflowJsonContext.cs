using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Model;

namespace Workflow.Json;

/// <summary>The source-generated JSON contract of the model: camelCase, enums as kebab-case strings, short durations.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(DurationJsonConverter)])]
[JsonSerializable(typeof(PipelineDefinition))]
[JsonSerializable(typeof(List<PipelineDefinition>))]
public sealed partial class WorkflowJsonContext : JsonSerializerContext;
