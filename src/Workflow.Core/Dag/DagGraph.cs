using System.Runtime.InteropServices;

namespace Workflow.Dag;

/// <summary>
/// A directed graph over nodes 0..Count-1 in compressed sparse rows: one flat array of children and one of
/// parents, sliced per node. Int-indexed arrays keep every analysis O(V+E) with no hashing on the hot path.
/// An edge (parent, child) means the child depends on the parent. Repeated edges are kept as given.
/// </summary>
public sealed class DagGraph
{
    private readonly int[] _childStart;
    private readonly int[] _children;
    private readonly int[] _parentStart;
    private readonly int[] _parents;

    private DagGraph(int count, int[] childStart, int[] children, int[] parentStart, int[] parents)
    {
        Count = count;
        _childStart = childStart;
        _children = children;
        _parentStart = parentStart;
        _parents = parents;
    }

    /// <summary>The number of nodes.</summary>
    public int Count { get; }

    /// <summary>The number of edges.</summary>
    public int EdgeCount => _childStart[Count];

    /// <summary>The nodes that depend on <paramref name="node"/>, in edge order.</summary>
    public ReadOnlySpan<int> Children(int node) =>
        _children.AsSpan(_childStart[node], _childStart[node + 1] - _childStart[node]);

    /// <summary>The nodes <paramref name="node"/> depends on, in edge order.</summary>
    public ReadOnlySpan<int> Parents(int node) =>
        _parents.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    /// <summary>The same graph with every edge turned round, sharing this graph's arrays: O(1).</summary>
    public DagGraph Reversed() => new(Count, _parentStart, _parents, _childStart, _children);

    /// <summary>Builds the graph from (parent, child) edges; both ends must be in 0..count-1.</summary>
    public static DagGraph Create(int count, IReadOnlyList<(int Parent, int Child)> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        return edges is List<(int, int)> list
            ? Create(count, CollectionsMarshal.AsSpan(list))
            : Create(count, [.. edges]);
    }

    /// <summary>Builds the graph from (parent, child) edges; both ends must be in 0..count-1.</summary>
    public static DagGraph Create(int count, ReadOnlySpan<(int Parent, int Child)> edges)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var childStart = new int[count + 1];
        var parentStart = new int[count + 1];
        for (var e = 0; e < edges.Length; e++)
        {
            var (parent, child) = edges[e];
            if ((uint)parent >= (uint)count || (uint)child >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(edges),
                    $"Edge {e} ({parent} -> {child}) names a node outside 0..{count - 1}.");
            }

            childStart[parent + 1]++;
            parentStart[child + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            childStart[i + 1] += childStart[i];
            parentStart[i + 1] += parentStart[i];
        }

        // Each start entry is used as the fill cursor of its node and ends at the next node's start; shifting the
        // arrays back by one afterwards restores them, so no copy of either start array is allocated.
        var children = new int[edges.Length];
        var parents = new int[edges.Length];
        for (var e = 0; e < edges.Length; e++)
        {
            var (parent, child) = edges[e];
            children[childStart[parent]++] = child;
            parents[parentStart[child]++] = parent;
        }

        ShiftBack(childStart);
        ShiftBack(parentStart);
        return new DagGraph(count, childStart, children, parentStart, parents);
    }

    /// <summary>
    /// Builds the graph from each node's parents given as rows (<paramref name="parents"/> from
    /// <c>parentStart[i]</c> to <c>parentStart[i + 1]</c> are node i's), the form a definition's dependency lists
    /// resolve into, without an intermediate edge list. The graph keeps both arrays (they may be longer than the
    /// rows they hold) and builds the children rows from them.
    /// </summary>
    public static DagGraph FromParentRows(int count, int[] parentStart, int[] parents)
    {
        ArgumentNullException.ThrowIfNull(parentStart);
        ArgumentNullException.ThrowIfNull(parents);
        if (count < 0 || parentStart.Length < count + 1 || parentStart[0] != 0 || parentStart[count] > parents.Length)
        {
            throw new ArgumentException($"The parent rows do not describe {count} nodes.", nameof(parentStart));
        }

        for (var i = 0; i < count; i++)
        {
            if (parentStart[i] > parentStart[i + 1])
            {
                throw new ArgumentException($"The parent row of node {i} ends before it starts.", nameof(parentStart));
            }
        }

        var edgeCount = parentStart[count];
        var childStart = new int[count + 1];
        for (var e = 0; e < edgeCount; e++)
        {
            var parent = parents[e];
            if ((uint)parent >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(parents),
                    $"Parent {e} ({parent}) names a node outside 0..{count - 1}.");
            }

            childStart[parent + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            childStart[i + 1] += childStart[i];
        }

        // Children come out in the order of their parent rows, as Create gives them for edges listed child by child.
        var children = new int[edgeCount];
        for (var child = 0; child < count; child++)
        {
            for (var e = parentStart[child]; e < parentStart[child + 1]; e++)
            {
                children[childStart[parents[e]]++] = child;
            }
        }

        ShiftBack(childStart);
        return new DagGraph(count, childStart, children, parentStart, parents);
    }

    private static void ShiftBack(int[] start)
    {
        Array.Copy(start, 0, start, 1, start.Length - 1);
        start[0] = 0;
    }
}
