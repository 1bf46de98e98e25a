using System.Text.Json;

namespace Workflow.Contracts;

/// <summary>
/// One row of <c>GET /api/pipelines</c>: enough for a dashboard tile without reading each definition.
/// <see cref="Schedules"/> are the definition's schedules as the definition format writes them (that format belongs
/// to the model, not to this contract); <see cref="ScheduleStates"/> holds the state of each of them, in the same
/// order (<see cref="ScheduleStateNames"/>).
/// </summary>
public sealed record PipelineSummary(
    string Id,
    int Version,
    string OwnerGroup,
    string? Description,
    bool Enabled,
    JsonElement Schedules,
    DateTimeOffset? NextFireTime,
    LastRunInfo? LastRun,
    IReadOnlyList<double> RecentDurations,
    bool IsDynamic,
    IReadOnlyList<string>? ScheduleStates = null);

/// <summary>
/// The latest run of a pipeline, as the list shows it; <see cref="Status"/> is a string
/// (<see cref="RunStatusNames"/>) so that an older client still shows a state a newer server adds.
/// </summary>
public sealed record LastRunInfo(string RunId, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
