namespace Workflow.Sla;

/// <summary>
/// A monitor's task ids and their numbers (their order in the definition), fixed when the monitor starts and
/// shared by every version of its <see cref="TaskTable"/> and by its forecast's graph.
/// </summary>
internal sealed class TaskTableIds
{
    private readonly Dictionary<string, int> _numbers;
    private TaskEdges? _edges;

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
    /// The run's edges by number (<see cref="TaskEdges"/>), worked out on first use and kept: the tasks'
    /// dependencies never change (<paramref name="tasks"/> is any version of the table these ids number).
    /// </summary>
    public TaskEdges Edges(TaskTable tasks)
    {
        if (Volatile.Read(ref _edges) is { } known)
        {
            return known;
        }

        Interlocked.CompareExchange(ref _edges, TaskEdges.Of(tasks), null);
        return _edges;
    }
}
