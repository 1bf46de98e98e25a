using System.Text.Json;
using Workflow.Api.Scheduling;
using Workflow.Contracts;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Api.Contracts;

/// <summary>
/// The one place where a stored pipeline becomes the wire records a client reads without the definition format: the
/// list row, the expected durations and the outline (parameters and task dependencies).
/// </summary>
public static class PipelineMappings
{
    /// <summary>
    /// The list row of <paramref name="record"/>; <paramref name="recentRuns"/> are its latest runs, newest first
    /// (the first is the last run; the finished ones give the recent durations).
    /// </summary>
    public static PipelineSummary ToContract(this PipelineRecord record, IReadOnlyList<RunRecord> recentRuns,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(recentRuns);
        var d = record.Definition;
        var last = recentRuns.Count == 0 ? null : recentRuns[0];
        var durations = recentRuns
            .Where(r => r is { StartedAt: not null, FinishedAt: not null })
            .Select(r => Math.Round((r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds, 3))
            .ToList();
        return new PipelineSummary(d.Id, record.Version, d.OwnerGroup, d.Description, d.Enabled,
            JsonSerializer.SerializeToElement(d.Schedules, ApiJson.Options),
            d.Enabled ? SchedulePreview.NextFireTime(d, now) : null,
            last is null ? null : new LastRunInfo(last.RunId, last.Status.WireName(), last.StartedAt, last.FinishedAt),
            durations, record.IsDynamic, [.. d.Schedules.Select(s => ScheduleStates.At(s, now).WireName())]);
    }

    /// <summary>Each task's expected duration in seconds (to the millisecond), in task id order.</summary>
    public static ExpectedDurations ExpectedDurations(string pipelineId, IReadOnlyDictionary<string, TimeSpan> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var seconds = expected.OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => Math.Round(e.Value.TotalSeconds, 3), StringComparer.Ordinal);
        return new ExpectedDurations(pipelineId, seconds);
    }

    /// <summary>The parameters a trigger may send and the tasks with their dependencies, of this version.</summary>
    public static PipelineOutline ToOutline(this PipelineRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var d = record.Definition;
        return new PipelineOutline(d.Id, record.Version,
            [.. d.Parameters.Select(p => new ParameterSpec(p.Name, p.Type, p.Required, p.Default, p.Description))],
            [.. d.Tasks.Select(t => new TaskOutline(t.Id, t.DependsOn, t.ExpectedDuration?.TotalSeconds))]);
    }
}
