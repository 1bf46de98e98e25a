using System.Buffers;
using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Validation;

/// <summary>
/// Checks the dependency graph: unknown, self and repeated dependencies, cycles (each printed as
/// <c>a -> b -> c -> a</c>, up to <see cref="MaxCycles"/> of them), and maps over tasks that are not upstream.
/// Each dependency string is resolved once, into the parent rows of the graph that the graph checks use; the rows
/// are rented, as the graph is dropped when validation ends. The pass over the tasks (<see cref="TaskPass"/>)
/// resolves each task's dependencies right after adding its id, which works while every dependency names an
/// earlier task; from the first task with one that does not (a later task, or none), the rows are resolved once
/// every id is added (<see cref="Finish"/>), so that each error is the one, and at the place, it would be had
/// every id been added first.
/// </summary>
internal ref struct GraphRules
{
    private const int MaxCycles = 10;

    // Up to this many dependencies, repeats are found by scanning the list rather than hashing it.
    private const int SmallList = 8;

    private readonly IReadOnlyList<TaskDefinition> _tasks;
    private readonly TaskIdTable _index;
    private readonly ErrorCollector _errors;
    private readonly int[] _parentStart;
    private int[] _parents;
    private int[]? _lastChild;
    private List<int>? _mapped; // tasks with a map, noted in the pass so that the map check needs no pass of its own
    private HashLookAhead _hashes;
    private int _edges;
    private int _unresolved; // the first task whose dependencies were left for Finish

    public GraphRules(IReadOnlyList<TaskDefinition> tasks, TaskIdTable index, ErrorCollector errors)
    {
        _tasks = tasks;
        _index = index;
        _errors = errors;
        _parentStart = ArrayPool<int>.Shared.Rent(tasks.Count + 1);
        _parentStart[0] = 0;
        _parents = ArrayPool<int>.Shared.Rent(Math.Max(16, tasks.Count));
        _hashes = HashLookAhead.OverDependencies(index, tasks);
        _unresolved = tasks.Count;
    }

    /// <summary>Resolves the dependencies of task <paramref name="i"/>, once its id and every earlier one are added.</summary>
    public void Resolve(int i)
    {
        if (_tasks[i]?.Map is not null)
        {
            (_mapped ??= []).Add(i);
        }

        if (_unresolved < _tasks.Count)
        {
            return;
        }

        var mark = _errors.Count;
        if (!ResolveRow(i, ref _hashes, final: false))
        {
            _errors.Truncate(mark); // the row is checked again, whole, in Finish
            _unresolved = i;
        }
    }

    /// <summary>Resolves the rows left over, once every id is added, and checks the graph.</summary>
    public void Finish()
    {
        var n = _tasks.Count;
        if (_unresolved < n)
        {
            var hashes = HashLookAhead.OverDependencies(_index, _tasks, _unresolved);
            for (var i = _unresolved; i < n; i++)
            {
                ResolveRow(i, ref hashes, final: true);
            }
        }

        // Both checks read the parent rows; the child rows are built only to name a cycle.
        if (!TopologicalSort.IsAcyclic(n, _parentStart, _parents))
        {
            ReportCycles(_tasks, DagGraph.FromParentRows(n, _parentStart, _parents), _errors);
        }

        CheckMaps(_tasks, _mapped ?? [], _index, _parentStart, _parents, _errors);
    }

    public readonly void Dispose()
    {
        ArrayPool<int>.Shared.Return(_parentStart);
        ArrayPool<int>.Shared.Return(_parents);
        if (_lastChild is not null)
        {
            ArrayPool<int>.Shared.Return(_lastChild);
        }
    }

    /// <summary>
    /// Resolves task <paramref name="i"/>'s row. Unless <paramref name="final"/>, a dependency that names no task
    /// added so far ends it: the row is undone (its errors are the caller's to drop) and false returned.
    /// </summary>
    private bool ResolveRow(int i, ref HashLookAhead hashes, bool final)
    {
        var task = _tasks[i];
        var dependsOn = Dependencies.Of(task);
        _parents = RentedRows.Room(_parents, _edges + dependsOn.Length);
        var rowStart = _edges;
        for (var k = 0; k < dependsOn.Length; k++)
        {
            var dep = dependsOn[k];
            var hash = hashes.Next();
            if (string.IsNullOrEmpty(dep))
            {
                _errors.Add(Path(i, k), "The dependency is empty.", "Name the id of an upstream task.");
            }
            else if (dep == task!.Id)
            {
                _errors.Add(Path(i, k), $"The task '{dep}' depends on itself.", "Remove this dependency.");
            }
            else if (_index.IndexOf(dep, hash) is not (>= 0 and var parent))
            {
                if (!final)
                {
                    Undo(rowStart, i);
                    return false;
                }

                _errors.Add(Path(i, k),
                    $"The task '{task.Id}' depends on '{dep}', which is not a task of this pipeline.",
                    Suggestions.Hint(dep, _index.Keys, "Check the spelling, or add a task with that id."));
            }
            else if (dependsOn.Length <= SmallList
                         ? _parents.AsSpan(rowStart, _edges - rowStart).Contains(parent)
                         : IsRepeat(_lastChild ??= NoChildYet(_tasks.Count), parent, i))
            {
                _errors.Add(Path(i, k), $"'{dep}' is listed twice in dependsOn.", "Remove the repeated entry.");
            }
            else
            {
                _parents[_edges++] = parent;
            }
        }

        _parentStart[i + 1] = _edges;
        return true;
    }

    // Forgets the parents accepted for the row; a repeat mark of child i is cleared, as no later child reads it.
    private void Undo(int rowStart, int child)
    {
        if (_lastChild is not null)
        {
            foreach (var parent in _parents.AsSpan(rowStart, _edges - rowStart))
            {
                if (_lastChild[parent] == child)
                {
                    _lastChild[parent] = -1;
                }
            }
        }

        _edges = rowStart;
    }

    private static int[] NoChildYet(int n)
    {
        var lastChild = ArrayPool<int>.Shared.Rent(n);
        lastChild.AsSpan(0, n).Fill(-1);
        return lastChild;
    }

    // A resolved dependency is a repeat when the same parent was already accepted for this child; the dependency
    // is then the same string, as each id resolves to one index. Used for long lists, where a scan of the row
    // would be quadratic.
    private static bool IsRepeat(int[] lastChild, int parent, int child)
    {
        if (lastChild[parent] == child)
        {
            return true;
        }

        lastChild[parent] = child;
        return false;
    }

    private static void ReportCycles(IReadOnlyList<TaskDefinition> tasks, DagGraph graph, ErrorCollector errors)
    {
        // Each round reports one cycle and drops the edge that closes it, so disjoint cycles are all named.
        var remaining = new List<(int Parent, int Child)>(graph.EdgeCount);
        for (var child = 0; child < graph.Count; child++)
        {
            foreach (var parent in graph.Parents(child))
            {
                remaining.Add((parent, child));
            }
        }

        for (var round = 0; round < MaxCycles; round++)
        {
            var cycle = CycleFinder.Find(graph);
            if (cycle is null)
            {
                return;
            }

            var (parent, child) = (cycle[0], cycle[1]);
            var k = IndexOf(tasks[child].DependsOn, tasks[parent].Id);
            errors.Add($"tasks[{child}].dependsOn[{k}]",
                $"The tasks form a cycle: {CycleFinder.Format(cycle.Select(n => tasks[n].Id))}.",
                "A pipeline must be a DAG: remove one dependency of the cycle.");
            remaining.RemoveAll(e => e.Parent == parent && e.Child == child);
            graph = DagGraph.Create(tasks.Count, remaining);
        }
    }

    private static void CheckMaps(IReadOnlyList<TaskDefinition> tasks, List<int> mapped, TaskIdTable index,
        int[] parentStart, int[] parents, ErrorCollector errors)
    {
        foreach (var i in mapped)
        {
            var map = tasks[i].Map!;
            var path = $"tasks[{i}].map.over";
            if (string.IsNullOrEmpty(map.Over))
            {
                errors.Add(path, "The map names no task to map over.", "Set 'over' to an upstream task's id.");
            }
            else if (!index.TryGetIndex(map.Over, out var source))
            {
                errors.Add(path, $"The map is over '{map.Over}', which is not a task of this pipeline.",
                    Suggestions.Hint(map.Over, index.Keys, "Name an upstream task."));
            }
            else if (!IsUpstream(parentStart, parents, source, i))
            {
                errors.Add(path, $"The map is over '{map.Over}', which is not upstream of '{tasks[i].Id}'.",
                    $"Add '{map.Over}' to dependsOn: a task can only map over an output that exists when it starts.");
            }
        }
    }

    private static string Path(int task, int dependency) => $"tasks[{task}].dependsOn[{dependency}]";

    private static bool IsUpstream(int[] parentStart, int[] parents, int ancestor, int node)
    {
        var seen = new HashSet<int> { node };
        var stack = new Stack<int>([node]);
        while (stack.TryPop(out var current))
        {
            var row = parents.AsSpan(parentStart[current], parentStart[current + 1] - parentStart[current]);
            foreach (var parent in row)
            {
                if (parent == ancestor)
                {
                    return true;
                }

                if (seen.Add(parent))
                {
                    stack.Push(parent);
                }
            }
        }

        return false;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
