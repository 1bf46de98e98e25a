using Workflow.Model;

namespace Workflow.Scheduling;

/// <summary>How a schedule is named to people: its name, else what it fires on.</summary>
public static class ScheduleNames
{
    public static string Describe(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.Name ?? schedule.Kind switch
        {
            ScheduleKind.Cron => schedule.Cron ?? "cron",
            ScheduleKind.Interval => "every " + Json.Duration.Format(schedule.Every ?? TimeSpan.Zero),
            _ => "once",
        };
    }
}
