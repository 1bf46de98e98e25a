using System.Globalization;
using Workflow.Model;

namespace Workflow.Bench.Capacity;

/// <summary>What one run executes: its shape scaled to its work, its priority and its deadline rule.</summary>
/// <remarks><see cref="Uniform"/>, when set, draws each task's duration uniformly from that range instead.</remarks>
internal sealed record Job(string Group, PipelineDefinition Definition, JobShape Shape, double Scale,
    Func<DateTimeOffset, DateTimeOffset?> DeadlineOf, (double Min, double Max)? Uniform = null);

/// <summary>A run that arrives without the tick: a small job taken from the queue at <paramref name="At"/>.</summary>
internal sealed record QueuedRun(string RunId, DateTimeOffset At, Job Job);

/// <summary>
/// One scenario: scheduled pipelines whose occurrences in [<see cref="From"/>, <see cref="Until"/>] the tick starts,
/// and queued runs, with the job behind each pipeline.
/// </summary>
internal sealed record Workload(string Name, string Description, DateTimeOffset From, DateTimeOffset Until,
    IReadOnlyList<PipelineDefinition> Pipelines, IReadOnlyDictionary<string, Job> Jobs, IReadOnlyList<QueuedRun> Queued)
{
    /// <summary>
    /// The largest trace a job takes its shape from. Larger traces (328 to 1,695 tasks) only multiply the tasks to
    /// simulate, not the worker-hours, and would take a week's simulation past its two-minute budget.
    /// </summary>
    public const int MaxShapeTasks = 200;

    public static IReadOnlyList<Workload> All(IReadOnlyList<JobShape> shapes, int seed)
    {
        var traces = shapes.Where(s => s.Tasks.Count <= MaxShapeTasks).ToList();
        if (traces.Count == 0)
        {
            throw new InvalidOperationException($"No trace has at most {MaxShapeTasks} tasks to shape the jobs.");
        }

        var weekly = Weekly(traces, seed);
        var monday = UserLoad.Monday;
        var wednesday = monday.AddDays(2);
        return
        [
            Build("monday-peak", $"the {UserLoad.MondayPeak} weekly jobs due Monday 00:00 (P5's instant)",
                monday, monday, weekly.Take(UserLoad.MondayPeak), []),
            Build("daily", $"one weekday: {UserLoad.MidnightPeak} runs due 00:00, {UserLoad.FiveAmPeak} at 05:00, " +
                $"{UserLoad.SmallJobsPerDay:N0} small jobs from the queue",
                wednesday, wednesday.AddDays(1).AddTicks(-1), Daily(traces, seed), SmallJobs(wednesday, 1, seed)),
            Build("monday-tuesday", "everything due Monday and Tuesday: the weekly jobs, both days' peaks and small jobs",
                monday, monday.AddDays(2).AddTicks(-1), weekly.Concat(Daily(traces, seed)), SmallJobs(monday, 2, seed)),
        ];
    }

    private static Workload Build(string name, string description, DateTimeOffset from, DateTimeOffset until,
        IEnumerable<(PipelineDefinition Pipeline, Job Job)> pipelines, IReadOnlyList<QueuedRun> queued)
    {
        var list = pipelines.ToList();
        return new Workload(name, description, from, until, [.. list.Select(p => p.Pipeline)],
            list.ToDictionary(p => p.Pipeline.Id, p => p.Job, StringComparer.Ordinal), queued);
    }

    /// <summary>
    /// The weekly jobs: the Monday-00:00 peak first, then the rest due on the minute over Monday; each a trace shape
    /// (in turn) scaled to a total work drawn around 8 h.
    /// </summary>
    private static List<(PipelineDefinition, Job)> Weekly(IReadOnlyList<JobShape> traces, int seed)
    {
        var result = new List<(PipelineDefinition, Job)>(UserLoad.WeeklyJobs);
        var rest = UserLoad.WeeklyJobs - UserLoad.MondayPeak;
        var minutes = (int)UserLoad.WeeklySpread.TotalMinutes - 1;
        for (var i = 0; i < UserLoad.WeeklyJobs; i++)
        {
            var minute = i < UserLoad.MondayPeak ? 0 : 1 + ((i - UserLoad.MondayPeak) * minutes / rest);
            var cron = string.Create(CultureInfo.InvariantCulture, $"{minute % 60} {minute / 60} * * 1");
            var shape = traces[i % traces.Count];
            var work = UserLoad.WeeklyJobWork.TotalSeconds * Keyed.LogNormal(seed, -1, i, UserLoad.JobWorkSigma);
            result.Add(Pipeline($"weekly-{i:D5}", cron, "weekly", shape, work / shape.Work, 0,
                _ => UserLoad.WeeklyDeadline));
        }

        return result;
    }

    /// <summary>The daily peaks: trace shapes with their own measured run times.</summary>
    private static IEnumerable<(PipelineDefinition, Job)> Daily(IReadOnlyList<JobShape> traces, int seed)
    {
        for (var i = 0; i < UserLoad.MidnightPeak + UserLoad.FiveAmPeak; i++)
        {
            var cron = i < UserLoad.MidnightPeak ? "0 0 * * *" : "0 5 * * *";
            yield return Pipeline($"daily-{i:D4}", cron, "daily", traces[(i + seed) % traces.Count], 1, 0,
                due => due + UserLoad.DailyDeadline);
        }
    }

    /// <summary>Small jobs: Poisson arrivals over each day, each one task of 3 to 4 minutes.</summary>
    private static List<QueuedRun> SmallJobs(DateTimeOffset from, int days, int seed)
    {
        var shape = JobShape.Single("small", (UserLoad.SmallJobMin + UserLoad.SmallJobMax) / 2);
        var (pipeline, job) = Pipeline("small-jobs", null, "small", shape, 1, UserLoad.SmallJobPriority, _ => null);
        job = job with { Uniform = (UserLoad.SmallJobMin.TotalSeconds, UserLoad.SmallJobMax.TotalSeconds) };
        var rate = UserLoad.SmallJobsPerDay / TimeSpan.FromDays(1).TotalSeconds;
        var result = new List<QueuedRun>();
        var at = 0.0;
        for (var n = 0; ; n++)
        {
            at += -Math.Log(1 - Keyed.Uniform(seed, -2, n)) / rate;
            if (at >= days * TimeSpan.FromDays(1).TotalSeconds)
            {
                return result;
            }

            result.Add(new QueuedRun($"{pipeline.Id}@queue-{n:D6}", from.AddSeconds(at), job));
        }
    }

    private static (PipelineDefinition, Job) Pipeline(string id, string? cron, string group, JobShape shape,
        double scale, int priority, Func<DateTimeOffset, DateTimeOffset?> deadline)
    {
        var definition = new PipelineDefinition
        {
            Id = id,
            OwnerGroup = group,
            Schedules = cron is null ? [] : [new ScheduleDefinition { Cron = cron }],
            Defaults = new TaskDefaults { Priority = priority },
            Tasks = shape.Tasks,
        };
        return (definition, new Job(group, definition, shape, scale, deadline));
    }
}
