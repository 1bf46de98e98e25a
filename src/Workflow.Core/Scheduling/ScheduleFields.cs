using Workflow.Model;

namespace Workflow.Scheduling;

/// <summary>
/// Which fields of a <see cref="ScheduleDefinition"/> each kind reads. A field of another kind would be ignored
/// without a word (<c>"every": "5m"</c> on a cron schedule, <c>"at"</c> on an interval), so validation refuses it and
/// the C# builder throws; both take the rule and its words from here.
/// </summary>
public static class ScheduleFields
{
    /// <summary>
    /// The fields set on <paramref name="schedule"/> that its kind does not read. <c>dstGap</c> and
    /// <c>dstOverlap</c> count only when they differ from their defaults: every stored definition carries the
    /// defaults, so a definition read back and sent again keeps passing.
    /// </summary>
    public static IReadOnlyList<(string Field, ScheduleKind ReadBy)> NotRead(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (!Enum.IsDefined(schedule.Kind))
        {
            return []; // The unknown kind is the error to report.
        }

        var fields = new List<(string, ScheduleKind)>();
        Add(fields, schedule, "cron", schedule.Cron is not null, ScheduleKind.Cron);
        Add(fields, schedule, "every", schedule.Every is not null, ScheduleKind.Interval);
        Add(fields, schedule, "anchor", schedule.Anchor is not null, ScheduleKind.Interval);
        Add(fields, schedule, "at", schedule.At is not null, ScheduleKind.Once);
        Add(fields, schedule, "dstGap", schedule.DstGap != DstGapPolicy.Shift, ScheduleKind.Cron);
        Add(fields, schedule, "dstOverlap", schedule.DstOverlap != DstOverlapPolicy.Once, ScheduleKind.Cron);
        return fields;
    }

    /// <summary>What is wrong, naming the field and the kind.</summary>
    public static string Message(string field, ScheduleKind kind) =>
        $"'{field}' does not apply to {(kind == ScheduleKind.Interval ? "an" : "a")} {Name(kind)} schedule, " +
        "which would ignore it.";

    /// <summary>How to fix it: remove the field, or change the kind to the one that reads it.</summary>
    public static string Hint(string field, ScheduleKind readBy) => field.StartsWith("dst", StringComparison.Ordinal)
        ? $"'{field}' is read by cron schedules only (only a local time of day falls in a clock change): remove it."
        : $"'{field}' is read by {Name(readBy)} schedules: remove it, or set \"kind\": \"{Name(readBy)}\".";

    private static void Add(List<(string, ScheduleKind)> fields, ScheduleDefinition schedule, string field, bool set,
        ScheduleKind readBy)
    {
        if (set && schedule.Kind != readBy)
        {
            fields.Add((field, readBy));
        }
    }

    private static string Name(ScheduleKind kind) => kind.ToString().ToLowerInvariant();
}
