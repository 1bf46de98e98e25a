using NodaTime;
using Workflow.Contracts;
using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Api.Scheduling;

/// <summary>
/// The coming fire times of a pipeline's enabled schedules, merged in time order, each also as the wall-clock time
/// of its schedule's zone. The rules (cron, DST, intervals) are the core's, the same the scheduler tick uses.
/// </summary>
public static class SchedulePreview
{
    public static IReadOnlyList<SchedulePreviewItem> Next(PipelineDefinition definition, DateTimeOffset now, int count)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var items = new List<SchedulePreviewItem>();
        foreach (var schedule in definition.Schedules.Where(s => s.Enabled))
        {
            ISchedule rule;
            DateTimeZone zone;
            try
            {
                rule = Schedule.From(schedule);
                zone = TimeZones.Get(schedule.TimeZone);
            }
            catch (ArgumentException)
            {
                // A stored definition was validated; one from a pipeline source may not be. It simply never fires.
                continue;
            }

            foreach (var utc in rule.Next(now, count))
            {
                var offset = zone.GetUtcOffset(Instant.FromDateTimeOffset(utc)).ToTimeSpan();
                items.Add(new SchedulePreviewItem(ScheduleNames.Describe(schedule), utc.ToUniversalTime(),
                    utc.ToOffset(offset), schedule.TimeZone));
            }
        }

        return [.. items.OrderBy(i => i.Utc).Take(count)];
    }

    public static DateTimeOffset? NextFireTime(PipelineDefinition definition, DateTimeOffset now) =>
        Next(definition, now, 1).FirstOrDefault()?.Utc;
}
