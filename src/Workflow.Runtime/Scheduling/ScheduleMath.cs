using Workflow.Scheduling;

namespace Workflow.Runtime.Scheduling;

/// <summary>The scheduler's use of the core's schedule rules: the occurrences of one schedule in a window.</summary>
internal static class ScheduleMath
{
    /// <summary>The occurrences in (<paramref name="after"/>, <paramref name="until"/>], oldest first, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Occurrences(ISchedule schedule, DateTimeOffset after,
        DateTimeOffset until, int max) =>
        [.. schedule.Occurrences(after, until).Take(max)];

    /// <summary>The first occurrence after <paramref name="after"/>; null when the schedule fires no more.</summary>
    public static DateTimeOffset? NextAfter(ISchedule schedule, DateTimeOffset after) =>
        schedule.Next(after, 1) is [var next] ? next : null;
}
