using System.Globalization;
using Workflow.Building;
using Workflow.Model;
using static Workflow.Building.Schedules;
using static Workflow.Building.Tasks;

namespace Workflow.Host.Samples;

/// <summary>
/// A weekly report: seven daily partitions run in parallel, then an aggregate, then a publish, every Monday at 06:00
/// Berlin time, and it must be done by Tuesday 23:59 there. The work is real and local: shell tools make and merge
/// the partitions, and a code handler writes the report.
/// </summary>
public static class WeeklyReport
{
    public const string Id = "weekly-report";

    public static PipelineDefinition Define(string workDirectory)
    {
        var days = Enumerable.Range(0, 7).ToList();
        return Pipeline.Define(Id, owner: "data-eng")
            .Describe("Seven daily partitions fanned out, aggregated, then published; due by Tuesday 23:59.")
            .Schedule(Cron("0 6 * * MON", zone: "Europe/Berlin"))
            .Deadline(DayOfWeek.Tuesday, new TimeOnly(23, 59), zone: "Europe/Berlin")
            .ExpectedDuration(TimeSpan.FromMinutes(2))
            .Defaults(retry: Retry.Exponential(3, TimeSpan.FromSeconds(5)), timeout: TimeSpan.FromMinutes(5))
            .ForEach(days, d => $"partition-{Day(d)}", d => Process("sh", ["-c", PartitionScript(d)], null,
                workDirectory))
            .Task("aggregate", Process("sh", ["-c",
                "cat weekly/day-*.txt | sort -n -u > weekly/all.txt && echo \"distinct orders: $(wc -l < weekly/all.txt)\""],
                null, workDirectory), after: days.Select(d => $"partition-{Day(d)}"))
            .Task("publish", Code(PublishWeeklyReport.Name, new { directory = workDirectory }), after: ["aggregate"])
            .Build();
    }

    private static string Day(int d) => ((DayOfWeek)((d + 1) % 7)).ToString().ToLowerInvariant()[..3];

    /// <summary>Each day yields a different set of order numbers, so the aggregate really merges them.</summary>
    private static string PartitionScript(int d)
    {
        var count = (200 + (d * 37)).ToString(CultureInfo.InvariantCulture);
        var step = (d + 2).ToString(CultureInfo.InvariantCulture);
        var file = $"weekly/day-{d}.txt";
        return $"mkdir -p weekly && seq 1 {step} $(( {count} * {step} )) | sort -n > {file} && " +
               $"echo \"day {d}: $(wc -l < {file}) orders\"";
    }
}
