using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>The per-task dispatch key of each <see cref="DispatchPolicy"/>, from the DAG analysis.</summary>
internal static class DispatchKeys
{
    /// <summary>
    /// Upward rank costs O(tasks + edges). Downstream count costs O((tasks + edges) × tasks / 64). FIFO needs no
    /// key: every task gets 0 and the sequence decides. Simulated is bounded by <see cref="DispatchPlanner"/>.
    /// </summary>
    public static double[] Compute(DispatchPolicy policy, PipelineDefinition definition, DagIndex dag,
        IReadOnlyDictionary<string, TimeSpan>? expected) =>
        policy switch
        {
            DispatchPolicy.Simulated => DispatchPlanner.Plan(definition, dag, expected),
            DispatchPolicy.UpwardRank => dag.UpwardRank(expected),
            DispatchPolicy.DownstreamCount => Array.ConvertAll(dag.DescendantCounts(), c => (double)c),
            _ => new double[dag.Count],
        };
}
