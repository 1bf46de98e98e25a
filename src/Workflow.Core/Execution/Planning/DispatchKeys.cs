using Workflow.Dag;

namespace Workflow.Execution;

/// <summary>The per-task dispatch key of each <see cref="DispatchPolicy"/>, from the DAG analysis.</summary>
internal static class DispatchKeys
{
    /// <summary>
    /// Upward rank costs O(tasks + edges). Downstream count (only the comparison benchmark uses it) costs
    /// O((tasks + edges) × tasks / 64). FIFO needs no key: every task gets 0 and the sequence decides.
    /// </summary>
    public static double[] Compute(DispatchPolicy policy, DagIndex dag, IReadOnlyDictionary<string, TimeSpan>? expected) =>
        policy switch
        {
            DispatchPolicy.UpwardRank => dag.UpwardRank(expected),
            DispatchPolicy.DownstreamCount => Array.ConvertAll(dag.DescendantCounts(), c => (double)c),
            _ => new double[dag.Count],
        };
}
