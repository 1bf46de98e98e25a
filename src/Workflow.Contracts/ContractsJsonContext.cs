using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Contracts;

/// <summary>
/// Source-generated (de)serialization of the records a client reads and sends, with the API's settings: camelCase
/// (web defaults), nulls left out, and numbers only as JSON numbers, as the server reads them. States are strings in
/// the records, so no enum converter is needed.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(List<PipelineSummary>))]
[JsonSerializable(typeof(PipelineOutline))]
[JsonSerializable(typeof(ExpectedDurations))]
[JsonSerializable(typeof(List<SchedulePreviewItem>))]
[JsonSerializable(typeof(List<ScheduleStatus>))]
[JsonSerializable(typeof(BackfillAccepted))]
[JsonSerializable(typeof(RunDetail))]
[JsonSerializable(typeof(RunsPage))]
[JsonSerializable(typeof(RunAccepted))]
[JsonSerializable(typeof(SuspendRequest))]
[JsonSerializable(typeof(List<AttemptInfo>))]
[JsonSerializable(typeof(LogChunk))]
[JsonSerializable(typeof(DevTokenRequest))]
[JsonSerializable(typeof(DevTokenResponse))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(RunCriticalPath))]
[JsonSerializable(typeof(List<SecretSummary>))]
[JsonSerializable(typeof(SecretSummary))]
[JsonSerializable(typeof(SetSecretRequest))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
