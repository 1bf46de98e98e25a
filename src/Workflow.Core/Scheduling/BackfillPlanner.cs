using System.Globalization;
using Workflow.Json;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Scheduling;

/// <summary>
/// The runs a backfill starts: one per occurrence of a schedule in <c>[from, to]</c> (inside the schedule's window),
/// each with the run id the scheduler gives that occurrence (<see cref="RunIds.ForSchedule(Model.PipelineDefinition, Model.ScheduleDefinition, DateTimeOffset)"/>), so a repeated
/// backfill, or a backfill over instants the scheduler already fired, starts nothing twice. Both hosts plan with it.
/// Errors a caller can cause are <see cref="InvalidRequestException"/>s naming the request field.
/// </summary>
public static class BackfillPlanner
{
    /// <summary>The default of the most runs one backfill may start.</summary>
    public const int DefaultMaxRuns = 1000;

    /// <summary>
    /// The most runs of one backfill at once. Airflow starts a DAG's backfill 16 runs at a time by default; past 100,
    /// runs of one pipeline only wait for the same worker pools, while the backfill holds every pool's slots away
    /// from the scheduled runs it shares them with.
    /// </summary>
    public const int MaxActiveRunsLimit = 100;

    // Counting stops here, so that an absurd range (every second for a century) answers at once: a refused request
    // should cost the host little (a million cron occurrences took seconds of CPU on a busy host).
    private const int CountCap = 100_000;

    /// <summary>
    /// Checks a request and plans its runs on the pipeline's current version: what both hosts do before they record
    /// a backfill. A missing pipeline is a <see cref="NotFoundException"/>.
    /// </summary>
    public static async ValueTask<BackfillPlan> PlanAsync(IWorkflowService workflow, BackfillRequest request,
        int maxRuns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxActiveRuns is < 1 or > MaxActiveRunsLimit)
        {
            throw InvalidRequestException.For("maxActiveRuns",
                $"maxActiveRuns is {request.MaxActiveRuns}; it must be 1 to {MaxActiveRunsLimit}.",
                "It is how many of the backfill's runs go at once; the rest wait their turn.");
        }

        var pipeline = await workflow.GetPipelineAsync(request.PipelineId, null, cancellationToken)
                       ?? throw new NotFoundException($"Pipeline '{request.PipelineId}' does not exist.");
        return Plan(pipeline.Definition, request.Schedule, request.From, request.To, maxRuns);
    }

    public static BackfillPlan Plan(PipelineDefinition pipeline, string? scheduleName, DateTimeOffset from,
        DateTimeOffset to, int maxRuns = DefaultMaxRuns)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (InstantRange.Reversed(from, to) is { } reversed)
        {
            throw InvalidRequestException.For("to", reversed, InstantRange.Hint);
        }

        var schedule = Choose(pipeline, scheduleName);
        ISchedule rule;
        try
        {
            rule = Schedule.From(schedule);
        }
        catch (ArgumentException ex)
        {
            throw InvalidRequestException.For("schedule",
                $"Schedule '{ScheduleNames.Describe(schedule)}' cannot fire: {ex.Message}");
        }

        var start = from == DateTimeOffset.MinValue ? from : from.AddTicks(-1);
        var occurrences = rule.Occurrences(start, to).Take(maxRuns + 1).ToList();
        if (occurrences.Count > maxRuns)
        {
            var count = rule.Occurrences(start, to).Take(CountCap).Count();
            var counted = count >= CountCap
                ? $"at least {CountCap.ToString("N0", CultureInfo.InvariantCulture)}"
                : count.ToString("N0", CultureInfo.InvariantCulture);
            throw InvalidRequestException.For("to",
                $"The range has {counted} occurrences of schedule '{ScheduleNames.Describe(schedule)}'; a backfill may start at " +
                $"most {maxRuns.ToString("N0", CultureInfo.InvariantCulture)}. Split it into smaller ranges.");
        }

        var tag = RunIds.ScheduleTag(pipeline, schedule);
        var runs = occurrences.Select(o => new BackfillRun(RunIds.ForSchedule(pipeline.Id, o, tag), o)).ToList();
        return new BackfillPlan(schedule, ScheduleNames.Describe(schedule), runs);
    }

    /// <summary>A new backfill id that sorts by creation time, e.g. <c>bf-20260301T020000123Z-1f2e3</c>.</summary>
    public static string NewId(DateTimeOffset now) =>
        "bf-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" +
        Random.Shared.Next(0x10000, 0xFFFFF).ToString("x5", CultureInfo.InvariantCulture);

    private static ScheduleDefinition Choose(PipelineDefinition pipeline, string? name)
    {
        var schedules = pipeline.Schedules;
        if (name is not null)
        {
            return schedules.FirstOrDefault(s => s.Name == name)
                   ?? throw InvalidRequestException.For("schedule",
                       $"Pipeline '{pipeline.Id}' has no schedule named '{name}'. {Names(pipeline)}");
        }

        return schedules.Count switch
        {
            1 => schedules[0],
            0 => throw InvalidRequestException.For("schedule",
                $"Pipeline '{pipeline.Id}' has no schedules, so there are no occurrences to backfill."),
            _ => throw InvalidRequestException.For("schedule",
                $"Pipeline '{pipeline.Id}' has {schedules.Count} schedules; name the one to backfill. " +
                Names(pipeline)),
        };
    }

    private static string Names(PipelineDefinition pipeline)
    {
        var named = pipeline.Schedules.Where(s => s.Name is not null).Select(s => $"'{s.Name}'").ToList();
        return named.Count == 0 ? "Its schedules have no names; give them one." : $"Its schedules: {string.Join(", ", named)}.";
    }
}

/// <summary>The schedule a backfill follows and its runs, oldest first.</summary>
public sealed record BackfillPlan(ScheduleDefinition Schedule, string ScheduleName, IReadOnlyList<BackfillRun> Runs);

/// <summary>One run of a backfill: the scheduler's run id for the occurrence, and its logical time.</summary>
public sealed record BackfillRun(string RunId, DateTimeOffset LogicalTime);
