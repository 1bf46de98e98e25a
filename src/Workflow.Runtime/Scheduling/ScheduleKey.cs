using System.Globalization;
using Workflow.Model;

namespace Workflow.Runtime.Scheduling;

/// <summary>
/// The identity of a schedule for its watermark: its name when it has one, else what it fires on. Reordering the
/// schedules of a pipeline therefore keeps their watermarks; changing an unnamed schedule's rule starts afresh.
/// </summary>
public static class ScheduleKey
{
    public static string Of(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (!string.IsNullOrWhiteSpace(schedule.Name))
        {
            return "name:" + schedule.Name;
        }

        return schedule.Kind switch
        {
            ScheduleKind.Cron => $"cron:{schedule.Cron}@{schedule.TimeZone}",
            ScheduleKind.Interval => string.Create(CultureInfo.InvariantCulture,
                $"every:{schedule.Every?.Ticks}@{schedule.Anchor?.UtcTicks}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"once:{schedule.At?.UtcTicks}"),
        };
    }
}
