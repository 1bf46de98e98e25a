using System.Collections.Concurrent;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The dispatch keys of the pipelines that sub-pipeline tasks start, planned on the thread that plans their parent's
/// start (<see cref="PrepareAsync"/>), so that creating a child run in its parent's transaction on the writer only
/// applies them, as a top-level start does. Keys are kept per stored version (versions are never rewritten), planned
/// as the decider would plan a start without keys (<see cref="RunCreation.KeysFor"/>, no expected durations), so a
/// child's recorded keys are the same whether they came from here or not. A child whose version was not prepared (it
/// changed since its parent started, or the engine restarted since) is planned by the decider as before.
/// </summary>
internal sealed class ChildPlans
{
    /// <summary>Versions kept; past it the keys are dropped and planned again as parents start.</summary>
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<(string PipelineId, int Version), IReadOnlyList<double>?> _byVersion = new();

    /// <summary>Plans the current version of every pipeline <paramref name="parent"/>'s sub-pipeline tasks start,
    /// and theirs in turn, that is not planned yet.</summary>
    /// <param name="parent">The definition a run is being started with.</param>
    /// <param name="current">The stored current version of a pipeline, or null.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async ValueTask PrepareAsync(PipelineDefinition parent,
        Func<string, CancellationToken, ValueTask<PipelineDefinition?>> current, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { parent.Id };
        var pending = new Queue<PipelineDefinition>([parent]);
        while (pending.TryDequeue(out var definition))
        {
            foreach (var childId in PipelineReferences.ChildPipelines(definition))
            {
                if (!seen.Add(childId) || await current(childId, cancellationToken) is not { } child)
                {
                    continue;
                }

                if (!_byVersion.ContainsKey((child.Id, child.Version)))
                {
                    if (_byVersion.Count >= Capacity)
                    {
                        _byVersion.Clear();
                    }

                    _byVersion[(child.Id, child.Version)] = RunCreation.KeysFor(child, null);
                }

                pending.Enqueue(child);
            }
        }
    }

    /// <summary>The keys prepared for this version of a child pipeline; null when it was not prepared.</summary>
    public IReadOnlyList<double>? For(PipelineDefinition child) =>
        _byVersion.TryGetValue((child.Id, child.Version), out var keys) ? keys : null;
}
