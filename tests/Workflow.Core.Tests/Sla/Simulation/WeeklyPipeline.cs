using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Core.Tests.Sla.Simulation;

/// <summary>
/// The example: a weekly pipeline of about 8 hours on its critical path (15 hours of work at four in
/// parallel) that must be done by Tuesday 23:59 Europe/Berlin, with durations that vary like real ones
/// (log-normal around each task's median), and a history of past runs to estimate from.
/// </summary>
internal static class WeeklyPipeline
{
    public static readonly IReadOnlyDictionary<string, double> MedianHours = new Dictionary<string, double>
    {
        ["extract-orders"] = 1.5,
        ["extract-customers"] = 1.5,
        ["extract-products"] = 1.5,
        ["transform"] = 3,
        ["agg-daily"] = 2,
        ["agg-region"] = 2,
        ["agg-product"] = 2,
        ["load"] = 1,
        ["report"] = 0.5,
    };

    /// <summary>Tuesday 3 March 2026, 06:00 in Berlin (05:00 UTC).</summary>
    public static readonly DateTimeOffset Scheduled = new(2026, 3, 3, 5, 0, 0, TimeSpan.Zero);

    public static PipelineDefinition Definition(TimeSpan margin) => new()
    {
        Id = "sales-weekly",
        OwnerGroup = "data-eng",
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 4 },
        Schedules = [new ScheduleDefinition { Cron = "0 6 * * TUE", TimeZone = "Europe/Berlin" }],
        Sla = new SlaPolicy
        {
            Deadline = new DeadlineRule { Day = DayOfWeek.Tuesday, Time = new TimeOnly(23, 59) },
            DeadlineMargin = margin,
        },
        Tasks =
        [
            Task("extract-orders"), Task("extract-customers"), Task("extract-products"),
            Task("transform", "extract-orders", "extract-customers", "extract-products"),
            Task("agg-daily", "transform"), Task("agg-region", "transform"), Task("agg-product", "transform"),
            Task("load", "agg-daily", "agg-region", "agg-product"),
            Task("report", "load"),
        ],
    };

    private static TaskDefinition Task(string id, params string[] after) =>
        new() { Id = id, Kind = "process", DependsOn = after };

    /// <summary>A log-normal duration: the median times e^(σZ), so σ = 0.2 puts p95 at about 1.39 × the median.</summary>
    public static TimeSpan Draw(Random random, string taskId, double sigma)
    {
        var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return TimeSpan.FromHours(MedianHours[taskId] * Math.Exp(sigma * z));
    }

    /// <summary>Estimates from <paramref name="runs"/> past runs, the way the engine feeds the monitor.</summary>
    public static IReadOnlyDictionary<string, DurationEstimate> Estimates(Random random, int runs, double sigma)
    {
        var history = MedianHours.Keys.ToDictionary(id => id,
            id => (IReadOnlyList<TimeSpan>)Enumerable.Range(0, runs).Select(_ => Draw(random, id, sigma)).ToArray());
        return new DurationEstimator().EstimateTasks(Definition(TimeSpan.Zero), id => history[id]);
    }
}
