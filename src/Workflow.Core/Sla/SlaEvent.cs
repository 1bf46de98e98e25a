using System.Text.Json.Serialization;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Sla;

/// <summary>
/// Something the SLA monitor learns about its run. Like the run decider's events, each carries its time:
/// the monitor has no clock and wakes only on these events and on its own timers.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MonitorStarted), "monitor-started")]
[JsonDerivedType(typeof(TaskStarted), "task-started")]
[JsonDerivedType(typeof(TaskFinished), "task-finished")]
[JsonDerivedType(typeof(RunNotified), "run-notified")]
[JsonDerivedType(typeof(RunFinished), "run-finished")]
[JsonDerivedType(typeof(MonitorTimerFired), "monitor-timer-fired")]
public abstract record SlaEvent(DateTimeOffset At);

/// <summary>
/// The run began (or the monitor was attached to it at <see cref="SlaEvent.At"/>). <paramref name="Estimates"/> are
/// per task id; <paramref name="Deadline"/> comes from <see cref="DeadlineCalculator"/>.
/// </summary>
public sealed record MonitorStarted(
    DateTimeOffset At,
    string RunId,
    PipelineDefinition Definition,
    IReadOnlyDictionary<string, DurationEstimate> Estimates,
    DateTimeOffset? Deadline,
    SlaMonitorSettings? Settings = null) : SlaEvent(At);

/// <summary>An attempt of a task instance began running on a worker.</summary>
public sealed record TaskStarted(DateTimeOffset At, string TaskKey, int Attempt) : SlaEvent(At);

/// <summary>An attempt ended. A failed attempt may still be retried; a final failure comes as <see cref="RunNotified"/>.</summary>
public sealed record TaskFinished(DateTimeOffset At, string TaskKey, int Attempt, TaskOutcome Outcome) : SlaEvent(At);

/// <summary>The run decider emitted a <see cref="Notify"/> command.</summary>
public sealed record RunNotified(
    DateTimeOffset At, NotificationKind Kind, string Message, string? TaskKey = null, int? Attempt = null)
    : SlaEvent(At);

public sealed record RunFinished(DateTimeOffset At, RunStatus Status) : SlaEvent(At);

public sealed record MonitorTimerFired(DateTimeOffset At, string TimerId) : SlaEvent(At);

/// <summary>How one attempt ended, as far as the monitor cares.</summary>
public enum TaskOutcome
{
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
