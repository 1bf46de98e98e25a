using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Parameters;

/// <summary>
/// The span of data a run covers, as Airflow defines it. When the run's logical time is an occurrence of one of
/// the pipeline's schedules (a scheduled run, a backfill run, or a rerun of one), the interval runs from that
/// schedule's previous occurrence to the logical time; when several schedules fire then, the latest previous
/// occurrence wins. For every other run (manual, API, child runs), and for a schedule's first occurrence, both
/// ends are the logical time.
/// </summary>
public static class DataInterval
{
    // Growing look-back windows: a minutely cron finds its previous occurrence in the first, a yearly one in the last.
    private static readonly TimeSpan[] LookBack =
        [TimeSpan.FromHours(1), TimeSpan.FromDays(2), TimeSpan.FromDays(35), TimeSpan.FromDays(400), TimeSpan.FromDays(3700)];

    /// <summary>The interval's start; its end is always <paramref name="logicalTime"/>.</summary>
    public static DateTimeOffset StartOf(PipelineDefinition definition, DateTimeOffset logicalTime)
    {
        ArgumentNullException.ThrowIfNull(definition);
        DateTimeOffset? start = null;
        foreach (var scheduleDefinition in definition.Schedules ?? [])
        {
            if (TryBuild(scheduleDefinition) is not { } schedule || !FiresAt(schedule, logicalTime))
            {
                continue;
            }

            var previous = Previous(schedule, logicalTime);
            if (previous is { } p && (start is null || p > start))
            {
                start = p;
            }
        }

        return start ?? logicalTime;
    }

    private static bool FiresAt(ISchedule schedule, DateTimeOffset at) =>
        schedule.Occurrences(at.AddTicks(-1), at).Any(o => o == at);

    private static DateTimeOffset? Previous(ISchedule schedule, DateTimeOffset at)
    {
        var before = at.AddTicks(-1);
        foreach (var window in LookBack)
        {
            var from = at - window;
            DateTimeOffset? last = null;
            foreach (var occurrence in schedule.Occurrences(from, before))
            {
                last = occurrence;
            }

            if (last is not null)
            {
                return last;
            }
        }

        return null;
    }

    private static ISchedule? TryBuild(ScheduleDefinition? definition)
    {
        if (definition is null)
        {
            return null;
        }

        try
        {
            return Schedule.From(definition);
        }
        catch (ArgumentException)
        {
            // A schedule that cannot fire has no occurrences; validation refuses it when the pipeline is saved.
            return null;
        }
    }
}
