using Workflow.Dag;

namespace Workflow.Execution;

/// <summary>
/// The keys a starting run dispatches by: the ones its <see cref="RunStarted"/> recorded, or, for an event recorded
/// without them, the keys this release's planner computes from the event's own inputs (definition, expected
/// durations, policy). Such an event was written before keys were recorded (an older engine's stored event, an
/// older Azure history) or by a caller that leaves planning to the decider (a child run in the embedded engine,
/// the simulator); the planner is deterministic, so it computes them again the same way as long as its code is
/// the one that first planned the run. A planner change must therefore wait until no run whose start has no keys
/// is still in its first generation (see docs/azure.md).
/// </summary>
internal static class RecordedDispatch
{
    public static IReadOnlyList<double>? KeysFor(RunStarted e, DagIndex graph, out string? error)
    {
        error = null;
        if (e.DispatchKeys is not { } recorded)
        {
            return DispatchKeys.Compute(e.Dispatch, e.Definition, graph, e.ExpectedDurations);
        }

        if (recorded.Count != graph.Count)
        {
            error = $"The start of run '{e.RunId}' recorded {recorded.Count} dispatch keys for {graph.Count} tasks; " +
                "it was planned for another definition. Start the run again.";
            return null;
        }

        return recorded;
    }
}
