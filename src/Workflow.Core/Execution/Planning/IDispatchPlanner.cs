using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// Decides a run's dispatch keys once, before its <see cref="RunStarted"/> is recorded; the keys go into the event
/// (<see cref="RunStarted.DispatchKeys"/>), so the run never plans again. The embedded engine calls it on the
/// thread that asks for the run, before the writer sees the start; the Azure app calls it in the activity that
/// resolves the run, whose result Durable keeps in the orchestration's history.
/// </summary>
public interface IDispatchPlanner
{
    /// <summary>
    /// The key of each task of <paramref name="definition"/>, by index, for <paramref name="policy"/>; null when the
    /// definition cannot be indexed (the run then fails as it starts, with the reason).
    /// </summary>
    IReadOnlyList<double>? Plan(PipelineDefinition definition, IReadOnlyDictionary<string, TimeSpan>? expected,
        DispatchPolicy policy);
}
