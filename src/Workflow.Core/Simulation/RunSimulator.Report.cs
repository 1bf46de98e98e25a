using Workflow.Dag;
using Workflow.Execution;

namespace Workflow.Simulation;

public sealed partial class RunSimulator
{
    private SimulationReport Report()
    {
        var end = _completion is null ? _now : _completedAt;
        var makespan = TimeSpan.FromTicks(end);
        var criticalSeconds = CriticalPathSeconds();
        var work = _pools.Values.Sum(p => p.BusySeconds);
        var perPoolBound = _pools.Values.Select(p => p.BusySeconds / p.Workers).DefaultIfEmpty(0).Max();
        var workers = _pools.Values.Sum(p => p.Workers);
        var seconds = makespan.TotalSeconds;
        var utilization = seconds > 0 && workers > 0 ? work / (workers * seconds) : 0;
        var perPool = _pools.ToDictionary(p => p.Key, p => seconds > 0 ? p.Value.BusySeconds / (p.Value.Workers * seconds) : 0,
            StringComparer.Ordinal);
        return new SimulationReport(
            _completion?.Status ?? _state.Status,
            _completion is not null,
            makespan,
            TimeSpan.FromSeconds(criticalSeconds),
            TimeSpan.FromSeconds(Math.Max(criticalSeconds, perPoolBound)),
            TimeSpan.FromSeconds(work),
            utilization,
            perPool,
            _attempts,
            _definition.Tasks.Count,
            _events,
            _deciderTime.Elapsed);
    }

    /// <summary>The longest chain over the durations the successful attempts took (a map weighs its longest instance).</summary>
    private double CriticalPathSeconds()
    {
        DagIndex dag;
        try
        {
            dag = DagIndex.Build(_definition);
        }
        catch (ArgumentException)
        {
            return 0;
        }

        var weights = new double[dag.Count];
        for (var i = 0; i < dag.Count; i++)
        {
            weights[i] = _successSeconds.GetValueOrDefault(dag.IdOf(i));
        }

        var rank = dag.UpwardRank(weights);
        return rank.Length == 0 ? 0 : rank.Max();
    }
}
