using Workflow.Contracts;
using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Api.Contracts;

/// <summary>
/// The one place where a schedule of a definition becomes its status row: the state is the core's
/// (<see cref="ScheduleStates"/>, from the same window and rules the tick uses), with the next fire time while it
/// still fires.
/// </summary>
public static class ScheduleMappings
{
    public static ScheduleStatus ToContract(this ScheduleDefinition schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var state = ScheduleStates.At(schedule, now);
        DateTimeOffset? next = state is ScheduleState.Active or ScheduleState.Pending
            ? Schedule.From(schedule).Next(now, 1).FirstOrDefault()
            : null;
        return new ScheduleStatus(ScheduleNames.Describe(schedule), schedule.Kind.WireName(), schedule.Enabled,
            schedule.Start, schedule.End, state.WireName(), next);
    }
}
