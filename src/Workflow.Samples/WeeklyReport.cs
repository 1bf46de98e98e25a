using System.Globalization;
using Workflow.Building;
using Workflow.Model;
using static Workflow.Building.Schedules;
using static Workflow.Building.Tasks;

namespace Workflow.Samples;

/// <summary>
/// A weekly report: seven daily partitions run in parallel, then an aggregate, then a publish, every Monday at 06:00
/// Berlin time, and it must be done by Tuesday 23:59 there. The work is real: shell tools make the partitions and
/// merge them, and a code handler writes the report. Data moves between the steps as task outputs (each process
/// step reads <c>WF_INPUT_FILE</c> and writes <c>WF_OUTPUT_FILE</c>), never through shared files, so in Azure each
/// step may run on another instance.
/// </summary>
public static class WeeklyReport
{
    public const string Id = "weekly-report";

    /// <summary>
    /// Merges the order numbers of every partition's output (the arrays under the <c>partition-*</c> keys of the
    /// input; the input also holds the run's parameters and values) and passes on the counts.
    /// </summary>
    private const string AggregateScript =
        "all=$(grep -o '\"partition-[^\"]*\":\\[[^]]*\\]' \"$WF_INPUT_FILE\" | sed 's/^[^[]*//' | grep -o '[0-9][0-9]*' | " +
        "sort -n -u) && n=$(printf '%s\\n' \"$all\" | grep -c .) && " +
        "max=$(printf '%s\\n' \"$all\" | tail -n 1) && echo \"distinct orders: $n\" && " +
        "printf '{\"distinctOrders\":%s,\"highestOrder\":%s}' \"$n\" \"$max\" > \"$WF_OUTPUT_FILE\"";

    public static PipelineDefinition Define()
    {
        var days = Enumerable.Range(0, 7).ToList();
        return Pipeline.Define(Id, owner: "data-eng")
            .Describe("Seven daily partitions fanned out, aggregated, then published; due by Tuesday 23:59.")
            .Schedule(Cron("0 6 * * MON", zone: "Europe/Berlin"))
            .Deadline(DayOfWeek.Tuesday, new TimeOnly(23, 59), zone: "Europe/Berlin")
            .ExpectedDuration(TimeSpan.FromMinutes(2))
            .Defaults(retry: Retry.Exponential(3, TimeSpan.FromSeconds(5)), timeout: TimeSpan.FromMinutes(5))
            .ForEach(days, d => $"partition-{Day(d)}", d => Process("sh", "-c", PartitionScript(d)))
            .Task("aggregate", Process("sh", "-c", AggregateScript), after: days.Select(d => $"partition-{Day(d)}"))
            .Task("publish", Code(PublishWeeklyReport.Name), after: ["aggregate"])
            .Build();
    }

    private static string Day(int d) => ((DayOfWeek)((d + 1) % 7)).ToString().ToLowerInvariant()[..3];

    /// <summary>
    /// Each day yields a different set of order numbers (its output, a JSON array), so the aggregate really merges
    /// them.
    /// </summary>
    private static string PartitionScript(int d)
    {
        var count = (200 + (d * 37)).ToString(CultureInfo.InvariantCulture);
        var step = (d + 2).ToString(CultureInfo.InvariantCulture);
        return $"orders=$(seq 1 {step} $(( {count} * {step} ))) && " +
               $"echo \"day {d}: $(printf '%s\\n' \"$orders\" | wc -l) orders\" && " +
               "printf '[%s]' \"$(printf '%s\\n' \"$orders\" | paste -sd, -)\" > \"$WF_OUTPUT_FILE\"";
    }
}
