using Workflow.Dag;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Simulation;

/// <summary>What a finished simulation adds up to: makespan, the lower bound it is measured by, utilization.</summary>
internal static class SimulationReporting
{
    /// <param name="definition">The simulated pipeline.</param>
    /// <param name="workers">The workers, with the busy time and the successful durations they recorded.</param>
    /// <param name="status">The run's final status (or its status when the simulation stopped).</param>
    /// <param name="completed">Whether the decider completed the run.</param>
    /// <param name="endTicks">Virtual ticks at completion, or when the simulation stopped.</param>
    /// <param name="events">Events delivered to the decider.</param>
    /// <param name="deciderTime">Wall time spent in the decider.</param>
    public static SimulationReport Report(PipelineDefinition definition, SimWorkers workers, RunStatus status,
        bool completed, long endTicks, int events, TimeSpan deciderTime)
    {
        var pools = workers.Pools;
        var makespan = TimeSpan.FromTicks(endTicks);
        var criticalSeconds = CriticalPathSeconds(definition, workers.SuccessSeconds);
        var work = pools.Values.Sum(p => p.BusySeconds);
        var perPoolBound = pools.Values.Select(p => p.BusySeconds / p.Workers).DefaultIfEmpty(0).Max();
        var workerCount = pools.Values.Sum(p => p.Workers);
        var seconds = makespan.TotalSeconds;
        var utilization = seconds > 0 && workerCount > 0 ? work / (workerCount * seconds) : 0;
        var perPool = pools.ToDictionary(p => p.Key,
            p => seconds > 0 ? p.Value.BusySeconds / (p.Value.Workers * seconds) : 0, StringComparer.Ordinal);
        return new SimulationReport(
            status,
            completed,
            makespan,
            TimeSpan.FromSeconds(criticalSeconds),
            TimeSpan.FromSeconds(Math.Max(criticalSeconds, perPoolBound)),
            TimeSpan.FromSeconds(work),
            utilization,
            perPool,
            workers.Attempts,
            definition.Tasks.Count,
            events,
            deciderTime);
    }

    /// <summary>
    /// The longest chain over the durations the successful attempts took (a map weighs its longest instance).
    /// </summary>
    private static double CriticalPathSeconds(PipelineDefinition definition,
        IReadOnlyDictionary<string, double> successSeconds)
    {
        DagIndex dag;
        try
        {
            dag = DagIndex.Build(definition);
        }
        catch (ArgumentException)
        {
            return 0;
        }

        var weights = new double[dag.Count];
        for (var i = 0; i < dag.Count; i++)
        {
            weights[i] = successSeconds.GetValueOrDefault(dag.IdOf(i));
        }

        var rank = dag.UpwardRank(weights);
        return rank.Length == 0 ? 0 : rank.Max();
    }
}
