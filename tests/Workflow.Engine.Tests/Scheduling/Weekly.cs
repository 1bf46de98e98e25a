using Workflow.Building;
using Workflow.Model;
using static Workflow.Building.Schedules;
using static Workflow.Building.Tasks;

namespace Workflow.Engine.Tests.Scheduling;

/// <summary>Pipelines for the scheduler tests.</summary>
public static class Weekly
{
    /// <summary>Monday 5 January 2026, 00:00 UTC.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static PipelineDefinition Hourly(string id, string task = "mark", OverlapPolicy overlap = OverlapPolicy.Allow,
        CatchUpMode catchUp = CatchUpMode.Latest, int maxRuns = 10) =>
        Pipeline.Define(id, owner: "data-eng")
            .Schedule(Every(TimeSpan.FromHours(1)) with { CatchUp = new CatchUpPolicy { Mode = catchUp, MaxRuns = maxRuns } })
            .Overlap(overlap)
            .Task("first", Code(task))
            .Build();

    public static PipelineDefinition MondayMidnight(string id) =>
        Pipeline.Define(id, owner: "data-eng")
            .Schedule(Cron("0 0 * * MON"))
            .Task("first", Code("mark"))
            .Task("second", Code("mark"), after: ["first"])
            .Build();
}
