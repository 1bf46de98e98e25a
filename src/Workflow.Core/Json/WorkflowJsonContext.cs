using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Model;

namespace Workflow.Json;

/// <summary>
/// The source-generated JSON contract of the model: camelCase, enums as kebab-case strings, short durations. A
/// property the model does not have is an error, not ignored: a misspelt <c>depends_on</c> would otherwise store a
/// pipeline without its dependencies. Every reader of definitions (API, CLI through the API, C# loading, stores)
/// goes through this one contract.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(DurationJsonConverter)])]
[JsonSerializable(typeof(PipelineDefinition))]
[JsonSerializable(typeof(List<PipelineDefinition>))]
public sealed partial class WorkflowJsonContext : JsonSerializerContext;
