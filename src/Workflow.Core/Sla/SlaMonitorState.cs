using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Workflow.Model;

namespace Workflow.Sla;

/// <summary>
/// The SLA monitor's state: plain data that serializes to JSON, so a shell can snapshot it or hand it to
/// ContinueAsNew. It keeps only what the forecast and the alert rules need, not the whole definition.
/// </summary>
public sealed record SlaMonitorState
{
    public static SlaMonitorState Initial { get; } = new();

    public bool Started { get; init; }
    public bool Finished { get; init; }
    public string RunId { get; init; } = "";
    public string PipelineId { get; init; } = "";
    public string OwnerGroup { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public TimeSpan DeadlineMargin { get; init; }
    public TimeSpan? RunExpected { get; init; }
    public int MaxParallelTasks { get; init; } = 1;
    public NotifyOn Notify { get; init; } = new();
    public SlaMonitorSettings Settings { get; init; } = SlaMonitorSettings.Default;

    /// <summary>Whether any task runs on one-failed, the only rule a success can skip; set once at the start.</summary>
    public bool AnyOneFailed { get; init; }

    /// <summary>Per task id, in definition order; the ids are fixed when the monitor starts.</summary>
    public TaskTable Tasks { get; init; } = TaskTable.Empty;

    /// <summary>The sum of every task's median estimate, the scale the slowdown evidence is measured against.</summary>
    public long TotalMedianTicks { get; init; }

    /// <summary>Running attempts by task key (a task id, or <c>id[i]</c> for a map instance).</summary>
    public ImmutableDictionary<string, RunningAttempt> Running { get; init; } =
        ImmutableDictionary<string, RunningAttempt>.Empty;

    /// <summary>
    /// Succeeded attempts: their observed durations, and the medians, means and variances their estimates
    /// predicted, for the slowdown ratio.
    /// </summary>
    public long ObservedTicks { get; init; }
    public long ObservedMedianTicks { get; init; }
    public double ObservedExpectedMean { get; init; }
    public double ObservedExpectedVariance { get; init; }

    /// <summary>The id of the one periodic evaluation timer that is pending, if any.</summary>
    public string? EvaluationTimer { get; init; }

    public ImmutableHashSet<string> OpenAlerts { get; init; } = ImmutableHashSet<string>.Empty;
    public DateTimeOffset? LastForecast { get; init; }

    /// <summary>
    /// The notifications applied so far (<see cref="NotificationRules.Key"/>), so that one delivered again, as a
    /// shell catching up after a restart may, is applied once.
    /// </summary>
    public ImmutableHashSet<string> Notifications { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// What the forecast keeps between events; derived from <see cref="Tasks"/> and <see cref="Running"/>, so it
    /// is not serialized (a state read back builds it again on its first forecast). It follows the newest state
    /// made from it; an older one that is decided again gets a new index (see <see cref="ForecastIndex"/>).
    /// </summary>
    [JsonIgnore]
    internal ForecastIndex? Index { get; init; }
}

/// <summary>
/// What the monitor knows about one task of the definition. <see cref="Outcome"/> is set once the task's final
/// state is certain (succeeded, failed for good, or skipped); <see cref="Trigger"/> lets the monitor skip the
/// downstream tasks the run decider will skip, since the run decider reports no event for a skip.
/// </summary>
public sealed record TaskSla(
    string Id,
    ImmutableArray<string> DependsOn,
    DurationEstimate Estimate,
    TimeSpan? SlowThreshold,
    TaskPhase Phase,
    TriggerRule Trigger = TriggerRule.AllSuccess,
    TaskOutcome? Outcome = null);

/// <summary>A task id's progress; a map task is done once its started instances have all ended.</summary>
public enum TaskPhase
{
    Pending,
    Running,
    Done,
}

/// <summary>An attempt that is running now.</summary>
public sealed record RunningAttempt(string TaskId, int Attempt, DateTimeOffset StartedAt);
