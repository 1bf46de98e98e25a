using System.Buffers;
using System.Runtime.InteropServices;
using Workflow.Model;

namespace Workflow.Dag;

/// <summary>
/// A pipeline's DAG indexed once: task ids map to 0..Count-1, and every analysis (topological order, levels,
/// upward rank, critical path, descendant counts) works on int arrays in O(V+E). The decider builds one per
/// pinned definition and keeps using indexes. Durations are weighted in seconds; a task without a known
/// duration weighs <see cref="UnknownDurationSeconds"/>.
/// </summary>
public sealed class DagIndex
{
    /// <summary>The weight of a task without an estimate or a configured expected duration.</summary>
    public const double UnknownDurationSeconds = 1.0;

    private readonly IReadOnlyList<string> _ids; // the definition's own ids when built from one
    private readonly IReadOnlyList<TaskDefinition>? _tasks; // set when built from a definition
    // An index built from a definition makes its id table when an id is first looked up: most indexes (a run's
    // decider finds tasks by their number) never are, and at 100,000 tasks the table is half a megabyte of the
    // large-object heap per index, whose allocations bring the full collections nearer.
    private TaskIdTable? _index;
    private readonly double[] _configured;
    // Set when built from a definition: each task's parents in rows, from which the graph's child rows and the
    // topological order are made when first asked for; the critical path needs neither.
    private readonly int[]? _parentStart;
    private readonly int[]? _parents;
    private DagGraph? _graph;
    private int[]? _order;
    private int[]? _levels;

    private DagIndex(TaskIdTable index, double[] configured, DagGraph graph, int[] order)
    {
        _ids = index.IdList; // every task's id is set once the table is built
        _index = index;
        _configured = configured;
        _graph = graph;
        _order = order;
    }

    private DagIndex(IReadOnlyList<TaskDefinition> tasks, double[] configured, int[] parentStart, int[] parents)
    {
        _ids = new TaskIds(tasks);
        _tasks = tasks;
        _configured = configured;
        _parentStart = parentStart;
        _parents = parents;
    }

    /// <summary>The graph in compressed sparse rows (made on first use for an index built from a definition).</summary>
    public DagGraph Graph => _graph ??= DagGraph.FromParentRows(Count, _parentStart!, _parents!);

    public int Count => _ids.Count;

    /// <summary>Task ids by index, in definition order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>A deterministic topological order of task indexes: dependencies before dependents.</summary>
    public IReadOnlyList<int> TopologicalOrder => Order;

    /// <summary>Level 0 for tasks without dependencies, else one more than the deepest dependency.</summary>
    public IReadOnlyList<int> Levels => _levels ??= DagAlgorithms.Levels(Graph, Order);

    // The graph was found acyclic when the index was built.
    private int[] Order => _order ??= TopologicalSort.TryOrder(Graph)!;

    // Made at most once in practice; two threads that race make equal tables, and either may be kept.
    private TaskIdTable Table => _index ??= TaskIdTable.Over(_tasks!);

    public string IdOf(int index) => _ids[index];

    /// <summary>The index of a task id; throws <see cref="KeyNotFoundException"/> naming the id when unknown.</summary>
    public int IndexOf(string id) => Table.IndexOf(id) is var i and >= 0
        ? i
        : throw new KeyNotFoundException($"The pipeline has no task '{id}'.");

    public bool TryGetIndex(string id, out int index) => Table.TryGetIndex(id, out index);

    public ReadOnlySpan<int> Parents(int index) => Graph.Parents(index);

    public ReadOnlySpan<int> Children(int index) => Graph.Children(index);

    /// <summary>
    /// Task weights in seconds: <paramref name="estimates"/> (for example from history) first, then the configured
    /// expected duration, then <see cref="UnknownDurationSeconds"/>. Negative values count as zero.
    /// </summary>
    public double[] Weights(IReadOnlyDictionary<string, TimeSpan>? estimates = null)
    {
        var weights = (double[])_configured.Clone();
        if (estimates is null || estimates.Count == 0)
        {
            return weights;
        }

        if (_index is null && _tasks is not null && ComparesOrdinally(estimates))
        {
            // Each task looked up in the estimates finds what each estimate looked up in a table would, and
            // makes no table.
            for (var i = 0; i < _tasks.Count; i++)
            {
                if (estimates.TryGetValue(_tasks[i].Id, out var duration))
                {
                    weights[i] = Math.Max(0, duration.TotalSeconds);
                }
            }

            return weights;
        }

        foreach (var (id, duration) in estimates)
        {
            if (Table.TryGetIndex(id, out var i))
            {
                weights[i] = Math.Max(0, duration.TotalSeconds);
            }
        }

        return weights;
    }

    /// <summary>
    /// The upward rank of each task in seconds: its own duration plus the longest remaining path below it.
    /// The decider dispatches ready tasks of equal priority by descending rank. Pass zero for finished tasks to
    /// get what remains of a running DAG.
    /// </summary>
    public double[] UpwardRank(IReadOnlyDictionary<string, TimeSpan>? estimates = null) =>
        estimates is null || estimates.Count == 0
            ? DagAlgorithms.UpwardRank(Graph, Order, _configured)
            : DagAlgorithms.UpwardRank(Graph, Order, Weights(estimates));

    /// <summary>The upward rank from explicit weights in seconds, indexed like <see cref="Ids"/>.</summary>
    public double[] UpwardRank(ReadOnlySpan<double> weights) => DagAlgorithms.UpwardRank(Graph, Order, weights);

    public CriticalPath CriticalPath(IReadOnlyDictionary<string, TimeSpan>? estimates = null)
    {
        var weights = estimates is null || estimates.Count == 0 ? _configured : Weights(estimates);
        if (_parentStart is not null)
        {
            // Built from a definition: read from the parent rows, so that neither child rows nor an order are made.
            var fromRows = DagAlgorithms.CriticalPath(Count, _parentStart, _parents!, weights, out var longest);
            return new CriticalPath(new IndexedIds(fromRows, _ids), TimeSpan.FromSeconds(longest));
        }

        // The rank is only a step towards the path, so it is computed into a rented array.
        var rented = ArrayPool<double>.Shared.Rent(Count);
        try
        {
            var rank = rented.AsSpan(0, Count);
            DagAlgorithms.UpwardRank(Graph, Order, weights, rank);
            var path = DagAlgorithms.CriticalPath(Graph, rank);
            var length = path.Length == 0 ? 0 : rank[path[0]];
            return new CriticalPath(new IndexedIds(path, _ids), TimeSpan.FromSeconds(length));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The exact number of distinct downstream tasks of each task (see <see cref="DagAlgorithms.DescendantCounts"/>).</summary>
    public int[] DescendantCounts() => DagAlgorithms.DescendantCounts(Graph, Order);

    /// <summary>Indexes a definition; throws <see cref="ArgumentException"/> for duplicate ids, unknown dependencies or a cycle.</summary>
    public static DagIndex Build(PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var tasks = definition.Tasks;
        var n = tasks.Count;
        var table = TaskIdTable.RentOver(tasks); // the index makes its own only when an id is looked up
        var configured = new double[n];
        var parentStart = new int[n + 1];
        var rows = ArrayPool<int>.Shared.Rent(Math.Max(16, n)); // the parent rows until their length is known
        try
        {
            // One pass over the tasks reads each one's id, duration and dependencies: a 100,000-task definition is
            // tens of MB that stream from memory on every pass, where a 10,000-task one stays in cache. Each
            // dependency is resolved as soon as its task is read, which works while every dependency names an
            // earlier task. The first that does not (a later task, or none) stops the resolving; the ids are still
            // all added, and the rows from that task on are resolved after them, so every outcome and error is
            // the same as resolving after adding every id.
            var idHashes = HashLookAhead.OverIds(table, tasks);
            var dependencyHashes = HashLookAhead.OverDependencies(table, tasks);
            var unresolved = n; // the first task whose dependencies were not all resolved in the first pass
            var e = 0;
            for (var i = 0; i < n; i++)
            {
                var task = tasks[i];
                Add(table, task.Id, i, idHashes.Next());
                configured[i] = Seconds(task.ExpectedDuration);
                if (unresolved == n)
                {
                    var dependsOn = Dependencies.Of(task);
                    rows = RentedRows.Room(rows, e + dependsOn.Length);
                    foreach (var parent in dependsOn)
                    {
                        var hash = dependencyHashes.Next();
                        if (parent is null || table.IndexOf(parent, hash) is not (>= 0 and var index))
                        {
                            unresolved = i;
                            break;
                        }

                        rows[e++] = index;
                    }

                    parentStart[i + 1] = e;
                }
            }

            if (unresolved < n)
            {
                e = parentStart[unresolved];
                var hashes = HashLookAhead.OverDependencies(table, tasks, unresolved);
                for (var i = unresolved; i < n; i++)
                {
                    var dependsOn = Dependencies.Of(tasks[i]);
                    rows = RentedRows.Room(rows, e + dependsOn.Length);
                    foreach (var parent in dependsOn)
                    {
                        rows[e++] = Lookup(table, parent, tasks[i].Id, hashes.Next());
                    }

                    parentStart[i + 1] = e;
                }
            }

            var parents = rows.AsSpan(0, e).ToArray();
            if (!TopologicalSort.IsAcyclic(n, parentStart, parents))
            {
                throw CycleError(table, DagGraph.FromParentRows(n, parentStart, parents));
            }

            return new DagIndex(tasks, configured, parentStart, parents);
        }
        finally
        {
            table.Dispose();
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    /// <summary>
    /// Indexes any DAG given as ids and (parent, child) edges, for example a workflow trace; optional configured
    /// durations are indexed like <paramref name="ids"/>.
    /// </summary>
    public static DagIndex Build(IReadOnlyList<string> ids, IEnumerable<(string Parent, string Child)> edges,
        IReadOnlyList<TimeSpan?>? expectedDurations = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(edges);
        var table = new TaskIdTable(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(ids[i], nameof(ids));
            Add(table, ids[i], i, TaskIdTable.HashOf(ids[i]));
        }

        var intEdges = new List<(int, int)>();
        foreach (var (parent, child) in edges)
        {
            intEdges.Add((Lookup(table, parent, child), Lookup(table, child, parent)));
        }

        var configured = new double[ids.Count];
        for (var i = 0; i < configured.Length; i++)
        {
            var expected = expectedDurations is not null && i < expectedDurations.Count ? expectedDurations[i] : null;
            configured[i] = Seconds(expected);
        }

        return Create(table, DagGraph.Create(ids.Count, CollectionsMarshal.AsSpan(intEdges)), configured);
    }

    private static void Add(TaskIdTable table, string id, int index, int hash)
    {
        if (table.TryAdd(id, index, hash) >= 0)
        {
            throw new ArgumentException($"The task id '{id}' appears more than once.", "ids");
        }
    }

    private static int Lookup(TaskIdTable table, string id, string other) =>
        Lookup(table, id, other, TaskIdTable.HashOf(id));

    private static int Lookup(TaskIdTable table, string id, string other, int hash) =>
        table.IndexOf(id, hash) is var i and >= 0
            ? i
            : throw new ArgumentException($"The dependency between '{other}' and '{id}' names an unknown task '{id}'.");

    private static bool ComparesOrdinally(IReadOnlyDictionary<string, TimeSpan> estimates) =>
        estimates is Dictionary<string, TimeSpan> { Comparer: var comparer } &&
        (comparer == StringComparer.Ordinal || comparer == EqualityComparer<string>.Default);

    private static double Seconds(TimeSpan? expected) =>
        expected is { } known ? Math.Max(0, known.TotalSeconds) : UnknownDurationSeconds;

    private static DagIndex Create(TaskIdTable table, DagGraph graph, double[] configured)
    {
        var order = TopologicalSort.TryOrder(graph) ?? throw CycleError(table, graph);
        return new DagIndex(table, configured, graph, order);
    }

    private static ArgumentException CycleError(TaskIdTable table, DagGraph graph)
    {
        var ids = table.IdList;
        var cycle = CycleFinder.Find(graph)!;
        return new ArgumentException(
            $"The tasks form a cycle: {CycleFinder.Format(cycle.Select(i => ids[i]))}.", nameof(ids));
    }
}
