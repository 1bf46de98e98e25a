using Workflow.Model;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// Applies a schedule's catch-up policy to the occurrences a tick found in (watermark, now]:
/// <c>none</c> drops those older than the misfire threshold, <c>latest</c> keeps only the newest, and <c>all</c>
/// keeps the oldest <c>MaxRuns</c> (the rest follow on the next ticks, since the watermark stops at the last one).
/// </summary>
public static class DueOccurrences
{
    /// <summary>The occurrences to start, oldest first, and the watermark to store once they are dealt with.</summary>
    public static (IReadOnlyList<DateTimeOffset> Due, DateTimeOffset? Watermark) Select(
        IReadOnlyList<DateTimeOffset> found, CatchUpPolicy policy, DateTimeOffset now, TimeSpan misfireThreshold)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(policy);
        if (found.Count == 0)
        {
            return ([], null);
        }

        var last = found[^1];
        switch (policy.Mode)
        {
            case CatchUpMode.None:
                return ([.. found.Where(o => now - o <= misfireThreshold)], last);
            case CatchUpMode.All:
                var bound = Math.Max(1, policy.MaxRuns);
                var taken = found.Take(bound).ToList();
                return (taken, taken[^1]);
            default:
                return ([last], last);
        }
    }
}
