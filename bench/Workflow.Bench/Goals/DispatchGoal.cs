using System.Globalization;
using Workflow.Bench.Dispatch;
using Workflow.Dag;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Simulation;

namespace Workflow.Bench.Goals;

/// <summary>
/// P4: makespan ÷ max(critical path, work / k) of the decider's default dispatch policy on every shared trace and
/// k ∈ {2, 4, 8, 16, 32}, simulated under virtual time with the trace's run times; the mean must be ≤ 1.04 and no
/// row may be worse than FIFO or downstream count on the same row. Beside it, the mean of a lower bound that no
/// schedule can beat (<see cref="MakespanBound"/>, as the planner builds it) over the same rows, divided by the same
/// lower bound: when it is above 1.04, the mean goal cannot be met on these traces by any order.
/// </summary>
internal static class DispatchGoal
{
    private static readonly int[] Workers = [2, 4, 8, 16, 32];

    public static GoalLine Measure()
    {
        var policy = new SimulationOptions().Dispatch;
        var ratios = new List<double>();
        var possible = new List<double>();
        var losses = new List<string>();
        var usage = Usage.Measure(() =>
        {
            foreach (var file in TraceFolder.Files())
            {
                var definition = WfTrace.Load(file);
                var bound = DispatchPlanner.Bound(definition, DagIndex.Build(definition), expected: null);
                foreach (var k in Workers)
                {
                    var (mine, lowerBound) = Simulate(definition, k, policy);
                    possible.Add(Math.Max(1, bound.Seconds(k) / lowerBound.TotalSeconds));
                    var fifo = Simulate(definition, k, DispatchPolicy.Fifo).Ratio;
                    var downstream = Simulate(definition, k, DispatchPolicy.DownstreamCount).Ratio;
                    ratios.Add(mine);
                    if (mine > Math.Min(fifo, downstream) + 1e-9)
                    {
                        losses.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{definition.Id} k={k}: {mine:0.000} vs FIFO {fifo:0.000}, downstream {downstream:0.000}"));
                    }
                }
            }
        });
        var mean = ratios.Average();
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{policy}: mean {mean:0.0000} over {ratios.Count} rows, worst {ratios.Max():0.000} " +
            $"(no schedule can beat a mean of {possible.Average():0.0000} on these rows); " +
            $"worse than a baseline in {losses.Count} rows") + (losses.Count == 0 ? "" : $" ({string.Join("; ", losses)})");
        return new GoalLine("P4", "dispatch makespan ÷ lower bound on the shared traces, k ∈ {2,4,8,16,32}", measured,
            "mean ≤ 1.04, never worse than FIFO or downstream count", mean <= 1.04 && losses.Count == 0,
            usage.ToString());
    }

    private static (double Ratio, TimeSpan LowerBound) Simulate(PipelineDefinition definition, int workers,
        DispatchPolicy policy)
    {
        var limited = definition with { Concurrency = new ConcurrencyPolicy { MaxParallelTasks = workers } };
        var report = RunSimulator.Run(limited, new SimulationOptions
        {
            Seed = 7,
            DefaultWorkers = workers,
            Dispatch = policy,
            DurationModel = DurationModel.Exact,
        });
        return report.Status == RunStatus.Succeeded
            ? (report.Ratio, report.LowerBound)
            : throw new InvalidOperationException($"The simulated run of {definition.Id} ended {report.Status}.");
    }
}
