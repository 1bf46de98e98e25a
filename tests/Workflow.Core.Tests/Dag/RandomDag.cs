using FsCheck;
using FsCheck.Fluent;
using Workflow.Dag;

namespace Workflow.Core.Tests.Dag;

/// <summary>A random DAG for property tests: node indexes are shuffled so that index order is not a topological order.</summary>
public sealed record RandomDag(int Count, (int Parent, int Child)[] Edges, double[] Weights)
{
    public DagGraph Graph => DagGraph.Create(Count, Edges);

    public static Gen<RandomDag> Gen { get; } =
        from n in FsCheck.Fluent.Gen.Choose(1, 40)
        from permutation in FsCheck.Fluent.Gen.Shuffle(Enumerable.Range(0, n))
        from pairs in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Two(FsCheck.Fluent.Gen.Choose(0, n - 1)))
        from weights in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0, 100), n)
        select new RandomDag(
            n,
            pairs.Where(p => p.Item1 != p.Item2)
                .Select(p => (permutation[Math.Min(p.Item1, p.Item2)], permutation[Math.Max(p.Item1, p.Item2)]))
                .ToArray(),
            weights.Select(w => (double)w).ToArray());

    public static Arbitrary<RandomDag> Arbitrary { get; } = Arb.From(Gen);

    public override string ToString() =>
        $"n={Count} edges=[{string.Join(", ", Edges.Select(e => $"{e.Parent}->{e.Child}"))}] " +
        $"weights=[{string.Join(", ", Weights)}]";
}
