using System.Text.Json;
using NodaTime;
using Workflow.Json;
using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Validation;

/// <summary>Checks schedules: the cron expression (through Quartz), the time zone, intervals and instants.</summary>
internal static class ScheduleRules
{
    // A fixed instant rather than the clock keeps validation a pure function; Quartz searches about a century on.
    private static readonly DateTimeOffset NeverFiresFrom = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="schedules">The schedules to check.</param>
    /// <param name="stored">
    /// The schedules of the version this one replaces, if any. A schedule stored before fields of another kind were
    /// refused keeps being accepted unchanged (re-applied, enabled or disabled), as Kubernetes ratchets a tightened
    /// validation; once changed, it is checked in full.
    /// </param>
    /// <param name="errors">Where the errors go.</param>
    public static void Check(IReadOnlyList<ScheduleDefinition>? schedules, IReadOnlyList<ScheduleDefinition>? stored,
        ErrorCollector errors)
    {
        schedules ??= [];
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < schedules.Count; i++)
        {
            var path = $"schedules[{i}]";
            var schedule = schedules[i];
            if (schedule is null)
            {
                errors.Add(path, "The schedule is null.", "Remove it or give an object with a 'kind'.");
                continue;
            }

            if (schedule.Name is { } name && !names.TryAdd(name, i))
            {
                errors.Add($"{path}.name", $"The schedule name '{name}' is also used by schedules[{names[name]}].",
                    "Give each schedule a distinct name; run ids and watermarks are kept per schedule.");
            }

            PolicyRules.Defined($"{path}.kind", schedule.Kind, errors);
            PolicyRules.Defined($"{path}.dstGap", schedule.DstGap, errors);
            PolicyRules.Defined($"{path}.dstOverlap", schedule.DstOverlap, errors);
            PolicyRules.Defined($"{path}.catchUp.mode", schedule.CatchUp?.Mode, errors);
            CheckFieldsOfKind(path, schedule, stored, errors);
            switch (schedule.Kind)
            {
                case ScheduleKind.Cron:
                    CheckCron(path, schedule, errors);
                    break;
                case ScheduleKind.Interval when schedule.Every is not { } every || every < TimeSpan.FromSeconds(1):
                    errors.Add($"{path}.every", schedule.Every is null
                        ? "An interval schedule needs 'every'."
                        : $"'every' is {Json.Duration.Format(schedule.Every.Value)}; it must be at least 1s " +
                          "(run ids name the scheduled second).",
                        "For example \"every\": \"15m\".");
                    break;
                case ScheduleKind.Once when schedule.At is null:
                    errors.Add($"{path}.at", "A once schedule needs 'at'.",
                        "Give an instant with its offset, for example \"at\": \"2026-01-01T02:00:00Z\".");
                    break;
            }

            // Every kind: the preview shows local times in the zone, and a deadline without its own zone takes it.
            if (TimeZones.Find(schedule.TimeZone) is null)
            {
                errors.Add($"{path}.timeZone", $"'{schedule.TimeZone}' is not a known IANA time zone.",
                    ZoneHint(schedule.TimeZone ?? ""));
            }

            if (schedule is { Start: { } start, End: { } end } && end < start)
            {
                errors.Add($"{path}.end", $"'end' ({end:O}) is before 'start' ({start:O}).",
                    "Give an 'end' at or after 'start', or leave one of them out.");
            }

            if (schedule.CatchUp is { MaxRuns: < 1 } catchUp)
            {
                errors.Add($"{path}.catchUp.maxRuns", $"maxRuns is {catchUp.MaxRuns}; it must be at least 1.",
                    "It caps the missed runs 'all' starts, for example \"catchUp\": {\"mode\": \"all\", \"maxRuns\": 10}.");
            }
        }
    }

    private static void CheckFieldsOfKind(string path, ScheduleDefinition schedule,
        IReadOnlyList<ScheduleDefinition>? stored, ErrorCollector errors)
    {
        var notRead = ScheduleFields.NotRead(schedule);
        if (notRead.Count == 0 || IsStored(schedule, stored))
        {
            return;
        }

        foreach (var (field, readBy) in notRead)
        {
            errors.Add($"{path}.{field}", ScheduleFields.Message(field, schedule.Kind),
                ScheduleFields.Hint(field, readBy));
        }
    }

    private static bool IsStored(ScheduleDefinition schedule, IReadOnlyList<ScheduleDefinition>? stored)
    {
        if (stored is not { Count: > 0 })
        {
            return false;
        }

        var json = JsonSerializer.Serialize(schedule, WorkflowJsonContext.Default.ScheduleDefinition);
        return stored.Any(s => s is not null &&
                               JsonSerializer.Serialize(s, WorkflowJsonContext.Default.ScheduleDefinition) == json);
    }

    public static string ZoneHint(string zone) =>
        Suggestions.Hint(zone, DateTimeZoneProviders.Tzdb.Ids,
            "Use an IANA name such as 'UTC', 'Europe/London' or 'America/New_York'.");

    private static void CheckCron(string path, ScheduleDefinition schedule, ErrorCollector errors)
    {
        if (!CronParser.TryParse(schedule.Cron, out var cron, out var error))
        {
            errors.Add($"{path}.cron", error!,
                "Write minute hour day month weekday, for example \"0 2 * * MON\"; L (last day) and MON#1 work.");
        }
        else if (cron!.GetNextValidTimeAfter(NeverFiresFrom) is null)
        {
            errors.Add($"{path}.cron", $"'{schedule.Cron}' never fires: no date matches all of its fields.",
                "Check the day against the month (February has no 30th or 31st), or use L for the last day.");
        }

    }
}
