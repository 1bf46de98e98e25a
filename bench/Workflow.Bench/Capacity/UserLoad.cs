namespace Workflow.Bench.Capacity;

/// <summary>
/// The users' figures (issue 19) and the assumptions the simulator adds where they say nothing, in one place, so
/// that every printed result can be traced to them.
/// </summary>
internal static class UserLoad
{
    /// <summary>A Monday (UTC) to simulate from; every schedule is in UTC, so no DST change falls in the week.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public const int WeeklyJobs = 10_000;
    public static readonly TimeSpan WeeklyJobWork = TimeSpan.FromHours(8);
    public static readonly DateTimeOffset WeeklyDeadline = Monday + new TimeSpan(1, 23, 59, 0);
    public const int MondayPeak = 750;
    public const int MidnightPeak = 300;
    public const int FiveAmPeak = 100;
    public const int SmallJobsPerDay = 10_000;
    public static readonly TimeSpan SmallJobMin = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan SmallJobMax = TimeSpan.FromMinutes(4);
    public static readonly TimeSpan StartGoal = TimeSpan.FromSeconds(30);

    // Assumptions (docs/capacity.md, "What the model rests on").

    /// <summary>The weekly jobs not in the Monday 00:00 peak are due on the minute, spread evenly over Monday.</summary>
    public static readonly TimeSpan WeeklySpread = TimeSpan.FromDays(1);

    /// <summary>Spread of a weekly job's total work around 8 h (log-normal sigma, mean kept).</summary>
    public const double JobWorkSigma = 0.25;

    /// <summary>Spread of each task's true duration around its expected one (log-normal sigma, mean kept).</summary>
    public const double TaskSigma = 0.25;

    /// <summary>Small jobs are urgent: a higher priority than batch tasks, so they never queue behind 8-hour work.</summary>
    public const int SmallJobPriority = 10;

    /// <summary>A daily run must be done before its next occurrence.</summary>
    public static readonly TimeSpan DailyDeadline = TimeSpan.FromDays(1);
}
