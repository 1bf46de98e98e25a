using Workflow.Model;

namespace Workflow.Building;

/// <summary>Factories for schedules: cron in a zone, every N, or once.</summary>
public static class Schedules
{
    public static ScheduleDefinition Cron(string expression, string zone = "UTC",
        DstGapPolicy gap = DstGapPolicy.Shift, DstOverlapPolicy overlap = DstOverlapPolicy.Once) =>
        new() { Kind = ScheduleKind.Cron, Cron = expression, TimeZone = zone, DstGap = gap, DstOverlap = overlap };

    public static ScheduleDefinition Every(TimeSpan interval, DateTimeOffset? anchor = null) =>
        new() { Kind = ScheduleKind.Interval, Every = interval, Anchor = anchor };

    public static ScheduleDefinition Once(DateTimeOffset at) => new() { Kind = ScheduleKind.Once, At = at };
}
