using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Model;

/// <summary>
/// One schedule of a pipeline: a cron expression in a time zone, a fixed interval from an anchor,
/// or once at an instant. A pipeline may have several.
/// </summary>
public sealed record ScheduleDefinition
{
    public ScheduleKind Kind { get; set; } = ScheduleKind.Cron;
    public string? Name { get; init; }

    /// <summary>Five fields, or six with seconds first; <c>L</c> and <c>MON#1</c> are understood.</summary>
    public string? Cron { get; init; }

    /// <summary>An IANA zone such as <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    public TimeSpan? Every { get; init; }
    public DateTimeOffset? Anchor { get; init; }
    public DateTimeOffset? At { get; init; }
    public DstGapPolicy DstGap { get; set; } = DstGapPolicy.Shift;
    public DstOverlapPolicy DstOverlap { get; set; } = DstOverlapPolicy.Once;
    public CatchUpPolicy CatchUp { get; set; } = new();
    public bool Enabled { get; set; } = true;

    /// <summary>The first instant the schedule may fire (inclusive); none means it always could.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>The last instant the schedule may fire (inclusive); after it the schedule is expired for good.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Parameter values for the runs this schedule starts.</summary>
    public JsonElement? Parameters { get; init; }
}

public enum ScheduleKind
{
    [JsonStringEnumMemberName("cron")] Cron,
    [JsonStringEnumMemberName("interval")] Interval,
    [JsonStringEnumMemberName("once")] Once,
}

/// <summary>A local time that does not exist because clocks jump forward.</summary>
public enum DstGapPolicy
{
    /// <summary>Fire at the first instant after the gap.</summary>
    [JsonStringEnumMemberName("shift")] Shift,

    /// <summary>Do not fire that day.</summary>
    [JsonStringEnumMemberName("skip")] Skip,
}

/// <summary>A local time that happens twice because clocks fall back.</summary>
public enum DstOverlapPolicy
{
    /// <summary>Fire at the first (earlier) instant only.</summary>
    [JsonStringEnumMemberName("once")] Once,

    /// <summary>Fire at both instants.</summary>
    [JsonStringEnumMemberName("twice")] Twice,
}

/// <summary>What a tick does with occurrences it missed, for example while the host was down.</summary>
public sealed record CatchUpPolicy
{
    public CatchUpMode Mode { get; set; } = CatchUpMode.Latest;

    /// <summary>
    /// With <see cref="CatchUpMode.All"/>, the most missed runs started for one missed span in total: the newest
    /// <c>MaxRuns</c> start, older ones are dropped (counted as skipped and logged).
    /// </summary>
    public int MaxRuns { get; set; } = 10;
}

public enum CatchUpMode
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("latest")] Latest,
    [JsonStringEnumMemberName("all")] All,
}
