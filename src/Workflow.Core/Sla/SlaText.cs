using System.Globalization;

namespace Workflow.Sla;

/// <summary>How the monitor's alert messages write instants and durations.</summary>
internal static class SlaText
{
    /// <summary>
    /// To the minute, or to the second when the instant is not on a whole minute: a deadline of "within 90s" and a
    /// forecast seconds past it must not read as the same time.
    /// </summary>
    public static string Stamp(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var format = utc.Ticks % TimeSpan.TicksPerMinute < TimeSpan.TicksPerSecond
            ? "yyyy-MM-dd HH:mm 'UTC'"
            : "yyyy-MM-dd HH:mm:ss 'UTC'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Whole seconds, or tenths under ten seconds, so that a short task's limit and elapsed time differ.</summary>
    public static string Format(TimeSpan span)
    {
        var seconds = Math.Max(0, span.TotalSeconds);
        return seconds < 10
            ? Math.Round(seconds, 1).ToString("0.#", CultureInfo.InvariantCulture) + "s"
            : Json.Duration.Format(TimeSpan.FromSeconds(Math.Round(seconds)));
    }

    public static string Outcome(TaskOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
