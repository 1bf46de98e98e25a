using System.Globalization;
using Workflow.Model;

namespace Workflow.Engine.Scheduling;

/// <summary>The scheduler's view of the core's schedule rules: occurrences in a window, and run ids.</summary>
internal static class ScheduleMath
{
    /// <summary>The occurrences in (<paramref name="after"/>, <paramref name="until"/>], oldest first, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Occurrences(ScheduleDefinition schedule, DateTimeOffset after,
        DateTimeOffset until, int max)
    {
        var result = new List<DateTimeOffset>();
        if (schedule.Kind == ScheduleKind.Interval && schedule.Every is { } every && every > TimeSpan.Zero)
        {
            var anchor = schedule.Anchor ?? DateTimeOffset.UnixEpoch;
            var n = Math.Max(0, (long)Math.Floor((after - anchor) / every) + 1);
            for (var t = anchor + every * n; t <= until && result.Count < max; t += every)
            {
                if (t > after)
                {
                    result.Add(t);
                }
            }
        }
        else if (schedule.Kind == ScheduleKind.Once && schedule.At is { } at && at > after && at <= until)
        {
            result.Add(at);
        }

        return result;
    }

    public static string RunId(string pipelineId, DateTimeOffset occurrence) =>
        pipelineId + "@" + occurrence.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
