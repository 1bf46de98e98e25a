using System.Text.Json.Serialization;
using Workflow.Model;

namespace Workflow.Scheduling;

/// <summary>Where a schedule stands at an instant, as the API, the CLI and the dashboard show it.</summary>
public enum ScheduleState
{
    /// <summary>Enabled, inside its window, and it fires again.</summary>
    [JsonStringEnumMemberName("active")] Active,

    /// <summary>Its window has not opened yet: the first fire is at or after <c>start</c>.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>It never fires again: past its <c>end</c>, a <c>once</c> schedule that has fired, or a rule with no later date.</summary>
    [JsonStringEnumMemberName("expired")] Expired,

    /// <summary>Switched off (and not expired).</summary>
    [JsonStringEnumMemberName("disabled")] Disabled,

    /// <summary>The definition cannot fire (possible only for definitions from a pipeline source, which skip validation).</summary>
    [JsonStringEnumMemberName("invalid")] Invalid,
}

/// <summary>Computes <see cref="ScheduleState"/> from the same window and rules the tick uses.</summary>
public static class ScheduleStates
{
    public static ScheduleState At(ScheduleDefinition schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ISchedule rule;
        try
        {
            rule = Schedule.From(schedule);
        }
        catch (ArgumentException)
        {
            return ScheduleState.Invalid;
        }

        if (rule.Next(now, 1).Count == 0)
        {
            return ScheduleState.Expired;
        }

        if (!schedule.Enabled)
        {
            return ScheduleState.Disabled;
        }

        return schedule.Start > now ? ScheduleState.Pending : ScheduleState.Active;
    }
}
