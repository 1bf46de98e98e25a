using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Cli.Api;

/// <summary>Source-generated (de)serialization of the API contracts the CLI reads: camelCase, web defaults.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<PipelineSummary>))]
[JsonSerializable(typeof(List<SchedulePreviewItem>))]
[JsonSerializable(typeof(List<ScheduleStatusItem>))]
[JsonSerializable(typeof(BackfillStatus))]
[JsonSerializable(typeof(RunDetail))]
[JsonSerializable(typeof(RunPage))]
[JsonSerializable(typeof(RunStarted))]
[JsonSerializable(typeof(List<AttemptInfo>))]
[JsonSerializable(typeof(LogChunk))]
[JsonSerializable(typeof(DevTokenRequest))]
[JsonSerializable(typeof(DevTokenResponse))]
[JsonSerializable(typeof(ExpectedDurations))]
[JsonSerializable(typeof(RunCriticalPath))]
[JsonSerializable(typeof(List<SecretSummary>))]
[JsonSerializable(typeof(SecretSummary))]
[JsonSerializable(typeof(SetSecretBody))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
