using Workflow.Execution;

namespace Workflow.Simulation;

/// <summary>
/// The outcome of a simulated run. <see cref="LowerBound"/> is max(critical path over the durations the
/// successful attempts took, busy time of each pool / its workers): no dispatch order can beat it, so
/// makespan / lower bound measures how much a policy leaves on the table.
/// </summary>
public sealed record SimulationReport(
    RunStatus Status,
    bool Completed,
    TimeSpan Makespan,
    TimeSpan CriticalPath,
    TimeSpan LowerBound,
    TimeSpan TotalWork,
    double Utilization,
    IReadOnlyDictionary<string, double> PoolUtilization,
    int Attempts,
    int Tasks,
    int Events,
    TimeSpan DeciderTime)
{
    /// <summary>Makespan divided by the lower bound; 1 is optimal.</summary>
    public double Ratio => LowerBound > TimeSpan.Zero ? Makespan / LowerBound : 1.0;
}
