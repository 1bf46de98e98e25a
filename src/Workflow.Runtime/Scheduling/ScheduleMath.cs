using Workflow.Scheduling;

namespace Workflow.Runtime.Scheduling;

/// <summary>The scheduler's use of the core's schedule rules: the occurrences of one schedule in a window.</summary>
internal static class ScheduleMath
{
    private static readonly TimeSpan FirstWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The newest <paramref name="max"/> occurrences in (<paramref name="after"/>, <paramref name="until"/>], oldest
    /// first. A tick after a long outage needs only the newest ones: catch-up keeps the newest missed runs and the
    /// on-time ones, so taking the oldest would start stale runs and lose the on-time one. The search looks back from
    /// <paramref name="until"/> over a window it doubles until it holds <paramref name="max"/> occurrences or reaches
    /// <paramref name="after"/>, so a years-old watermark costs a few windows, not every occurrence since.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Occurrences(ISchedule schedule, DateTimeOffset after,
        DateTimeOffset until, int max)
    {
        var newest = new Queue<DateTimeOffset>(max + 1);
        for (var window = FirstWindow; ; window += window)
        {
            var from = until - after <= window ? after : until - window;
            newest.Clear();
            foreach (var occurrence in schedule.Occurrences(from, until))
            {
                newest.Enqueue(occurrence);
                if (newest.Count > max)
                {
                    newest.Dequeue();
                }
            }

            if (newest.Count >= max || from == after)
            {
                return [.. newest];
            }
        }
    }

    /// <summary>The first occurrence after <paramref name="after"/>; null when the schedule fires no more.</summary>
    public static DateTimeOffset? NextAfter(ISchedule schedule, DateTimeOffset after) =>
        schedule.Next(after, 1) is [var next] ? next : null;
}
