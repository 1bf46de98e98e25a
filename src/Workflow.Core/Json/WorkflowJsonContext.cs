using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Model;

namespace Workflow.Json;

/// <summary>
/// The source-generated JSON contract of the model: camelCase, enums as kebab-case strings, short durations. A
/// property the model does not have is an error, not ignored: a misspelt <c>depends_on</c> would otherwise store a
/// pipeline without its dependencies. A number is a JSON number: the web defaults would read <c>"maxAttempts": "3"</c>
/// as 3, so a field that is quoted by mistake (or by a template meant for a string) would pass unseen; it is refused
/// at its path instead. An instant needs its offset (<see cref="Instants"/>). Every reader of definitions (API, CLI through the API, C# loading, stores) goes through this
/// one contract.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(DurationJsonConverter), typeof(InstantJsonConverter)])]
[JsonSerializable(typeof(PipelineDefinition))]
[JsonSerializable(typeof(List<PipelineDefinition>))]
public sealed partial class WorkflowJsonContext : JsonSerializerContext;
