namespace Workflow.Sla;

/// <summary>
/// A monitor's task ids and their numbers (their order in the definition), fixed when the monitor starts and
/// shared by every version of its <see cref="TaskTable"/> and by its forecast's graph.
/// </summary>
internal sealed class TaskTableIds
{
    private readonly Dictionary<string, int> _numbers;
    private int[][]? _dependents;

    public TaskTableIds(string[] all, Dictionary<string, int> numbers)
    {
        All = all;
        _numbers = numbers;
    }

    /// <summary>The ids by number.</summary>
    public string[] All { get; }

    public int Count => All.Length;

    public static TaskTableIds Of(string[] all) =>
        new(all, all.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal));

    public bool TryGetNumber(string id, out int number) => _numbers.TryGetValue(id, out number);

    /// <summary>
    /// Each task's dependents by number, in number order, worked out once from the tasks' dependencies, which a
    /// run never changes (<paramref name="tasks"/> is any version of the table these ids number).
    /// </summary>
    public int[][] Dependents(TaskTable tasks)
    {
        if (Volatile.Read(ref _dependents) is { } known)
        {
            return known;
        }

        var lists = new List<int>?[Count];
        for (var i = 0; i < Count; i++)
        {
            foreach (var dep in tasks.At(i).DependsOn)
            {
                if (!TryGetNumber(dep, out var parent))
                {
                    continue;
                }

                // A dependency listed twice is one edge.
                var children = lists[parent] ??= [];
                if (children.Count == 0 || children[^1] != i)
                {
                    children.Add(i);
                }
            }
        }

        var dependents = lists.Select(l => l is null ? [] : l.ToArray()).ToArray();
        Interlocked.CompareExchange(ref _dependents, dependents, null);
        return _dependents;
    }
}
