using System.Text.Json.Serialization;

namespace Workflow.Model;

/// <summary>What a pipeline promises: how long it normally takes, when it must be done, and whom to tell.</summary>
public sealed record SlaPolicy
{
    public TimeSpan? ExpectedDuration { get; init; }
    public DeadlineRule? Deadline { get; init; }

    /// <summary>Alert that a deadline is at risk when the predicted finish is later than the deadline minus this.</summary>
    public TimeSpan DeadlineMargin { get; set; } = TimeSpan.Zero;

    /// <summary>A running task is slower than normal past its p95 times this factor.</summary>
    public double SlowFactor { get; set; } = 1.5;

    public NotifyOn Notify { get; set; } = new();
    public IReadOnlyList<AlertChannel> Channels { get; set; } = [];
}

/// <summary>Which run events notify. Success is opt-in.</summary>
public sealed record NotifyOn
{
    public bool Failed { get; set; } = true;
    public bool Retrying { get; set; } = true;
    public bool Succeeded { get; init; }
    public bool Slow { get; set; } = true;
}

/// <summary>
/// When a run must be done: <see cref="Within"/> of its scheduled time, or the first
/// <see cref="Day"/>/<see cref="Time"/> in <see cref="TimeZone"/> at or after its scheduled time.
/// </summary>
public sealed record DeadlineRule
{
    public TimeSpan? Within { get; init; }
    public DayOfWeek? Day { get; init; }
    public TimeOnly? Time { get; init; }

    /// <summary>Defaults to the zone of the schedule that started the run, then UTC.</summary>
    public string? TimeZone { get; init; }
}

/// <summary>Where alerts go beyond the log and the metrics.</summary>
public sealed record AlertChannel
{
    public AlertChannelKind Kind { get; set; } = AlertChannelKind.Webhook;
    public required string Url { get; init; }
}

public enum AlertChannelKind
{
    [JsonStringEnumMemberName("webhook")] Webhook,
    [JsonStringEnumMemberName("slack")] Slack,
    [JsonStringEnumMemberName("teams")] Teams,
}
