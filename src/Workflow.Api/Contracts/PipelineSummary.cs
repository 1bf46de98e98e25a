using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Api.Contracts;

/// <summary>
/// One row of the pipelines list: enough for a dashboard tile without reading each definition.
/// <see cref="ScheduleStates"/> holds the state of each of <see cref="Schedules"/>, in the same order.
/// </summary>
public sealed record PipelineSummary(
    string Id,
    int Version,
    string OwnerGroup,
    string? Description,
    bool Enabled,
    IReadOnlyList<ScheduleDefinition> Schedules,
    DateTimeOffset? NextFireTime,
    LastRunInfo? LastRun,
    IReadOnlyList<double> RecentDurations,
    bool IsDynamic,
    IReadOnlyList<Workflow.Scheduling.ScheduleState>? ScheduleStates = null);

/// <summary>The latest run of a pipeline, as the list shows it.</summary>
public sealed record LastRunInfo(string RunId, RunStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>One stored version of a pipeline.</summary>
public sealed record PipelineVersionInfo(int Version, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>The answer of enable and disable.</summary>
public sealed record PipelineEnabledState(string Id, bool Enabled, int Version);

/// <summary>Each task's expected duration in seconds, from its recent successful runs; tasks without history are absent.</summary>
public sealed record ExpectedDurations(string PipelineId, IReadOnlyDictionary<string, double> Seconds);
