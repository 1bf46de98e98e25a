using System.Text.Json;

namespace Workflow.Cli.Api;

/// <summary>One row of <c>GET /api/pipelines</c>; fields the CLI does not show are left to the server.</summary>
public sealed record PipelineSummary(
    string Id,
    int Version,
    string? OwnerGroup,
    string? Description,
    bool Enabled,
    JsonElement? Schedules,
    DateTimeOffset? NextFireTime,
    LastRunSummary? LastRun,
    IReadOnlyList<double>? RecentDurations);

/// <summary>The latest run of a pipeline as the list endpoint reports it.</summary>
public sealed record LastRunSummary(string RunId, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>A stored definition with the ETag that a later PUT must send back in If-Match.</summary>
public sealed record StoredPipeline(JsonElement Definition, string? ETag);

/// <summary>The answer to a create or update: the new ETag and where the pipeline lives.</summary>
public sealed record ApplyResult(bool Created, string? ETag, Uri? Location);

/// <summary>One upcoming fire time from <c>GET /api/pipelines/{id}/schedule/preview</c>.</summary>
public sealed record SchedulePreviewItem(JsonElement? Schedule, DateTimeOffset Utc, JsonElement? Local, string? TimeZone);

/// <summary><c>GET /api/pipelines/{id}/durations</c>: each task's expected seconds from the server's history.</summary>
public sealed record ExpectedDurations(string PipelineId, IReadOnlyDictionary<string, double>? Seconds);
