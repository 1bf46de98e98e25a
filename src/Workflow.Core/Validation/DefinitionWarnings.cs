using System.Globalization;
using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Validation;

/// <summary>
/// What a saved definition does that its author may not expect, at the moment it is saved: not an error, since the
/// same file must keep applying (a <c>once</c> schedule re-applied after it fired, by a deploy that reapplies every
/// file), but worth saying. The API returns these with the save (Kubernetes answers an apply with warnings the
/// same way) and <c>wf pipelines apply</c> prints them. Validation stays a pure function without a clock; these take
/// the instant.
/// </summary>
public static class DefinitionWarnings
{
    /// <summary>
    /// The warnings for <paramref name="definition"/> saved at <paramref name="now"/>, each with its path.
    /// </summary>
    public static IReadOnlyList<ValidationError> For(PipelineDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var warnings = new List<ValidationError>();
        var schedules = definition.Schedules ?? [];
        for (var i = 0; i < schedules.Count; i++)
        {
            if (schedules[i] is { } schedule && ScheduleStates.At(schedule, now) == ScheduleState.Expired)
            {
                warnings.Add(Expired($"schedules[{i}]", schedule, now));
            }
        }

        return warnings;
    }

    /// <summary>A schedule that will never fire: the rule that shows it <c>expired</c>, said at the save.</summary>
    private static ValidationError Expired(string path, ScheduleDefinition schedule, DateTimeOffset now)
    {
        const string Shows = "so it will not fire and shows 'expired'.";
        if (schedule.End is { } end && end < now)
        {
            return new ValidationError($"{path}.end", $"'end' ({Utc(end)}) has passed, {Shows}",
                "Move 'end' later to run it again, or remove the schedule; re-applying it unchanged is fine.");
        }

        if (schedule is { Kind: ScheduleKind.Once, At: { } at } && at <= now)
        {
            return new ValidationError($"{path}.at", $"'at' ({Utc(at)}) has passed, {Shows}",
                "Give a future 'at' to run it once more, or remove the schedule; re-applying it unchanged is fine.");
        }

        return new ValidationError(path, $"The schedule has no fire time left in its window, {Shows}",
            "Check 'start' and 'end' against the schedule's times.");
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
