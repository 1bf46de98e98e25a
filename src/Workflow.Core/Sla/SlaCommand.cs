using System.Text.Json.Serialization;

namespace Workflow.Sla;

/// <summary>Something the SLA monitor asks its shell to do.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RaiseAlert), "raise-alert")]
[JsonDerivedType(typeof(ClearAlert), "clear-alert")]
[JsonDerivedType(typeof(StartMonitorTimer), "start-monitor-timer")]
[JsonDerivedType(typeof(CancelMonitorTimer), "cancel-monitor-timer")]
[JsonDerivedType(typeof(MonitorCompleted), "monitor-completed")]
public abstract record SlaCommand;

/// <summary>Send an alert to the sinks. Raising an id that is already stored updates it (idempotent).</summary>
public sealed record RaiseAlert(Alert Alert) : SlaCommand;

/// <summary>
/// The condition behind an open alert no longer holds. <paramref name="SupersededBy"/> says it ended because a worse
/// outcome took its place (an at-risk deadline that was missed, a retrying task that failed for good), not because it
/// resolved: null is a resolved alert.
/// </summary>
public sealed record ClearAlert(string AlertId, DateTimeOffset At, string Reason, AlertKind? SupersededBy = null)
    : SlaCommand;

/// <summary>Wake the monitor with <see cref="MonitorTimerFired"/> at <paramref name="DueAt"/>.</summary>
public sealed record StartMonitorTimer(string TimerId, DateTimeOffset DueAt) : SlaCommand;

/// <summary>
/// A timer started earlier has nothing left to watch (the attempt it timed ended): the shell drops it if it is still
/// pending. Dropping is only tidying, since a timer that fires anyway is ignored; a long run would otherwise keep
/// one pending timer per attempt it ever started.
/// </summary>
public sealed record CancelMonitorTimer(string TimerId) : SlaCommand;

/// <summary>The run is over; the shell may drop the monitor's pending timers.</summary>
public sealed record MonitorCompleted(DateTimeOffset At) : SlaCommand;

/// <summary>The monitor's state after an event, and what its shell must do.</summary>
public sealed record SlaDecision(SlaMonitorState State, IReadOnlyList<SlaCommand> Commands);
