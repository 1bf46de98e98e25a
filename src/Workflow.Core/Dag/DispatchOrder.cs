namespace Workflow.Dag;

/// <summary>
/// The order in which ready tasks take free slots: priority (descending), then the dispatch key (descending),
/// then the sequence in which they became ready. The run decider's ready queue, the simulated shell's pools and
/// <see cref="ListScheduler"/> all order by it, so a planned dispatch plays out as the decider dispatches.
/// </summary>
internal sealed class DispatchOrder : IComparer<(int Priority, double Key, long Sequence)>
{
    public static readonly DispatchOrder Instance = new();

    public int Compare((int Priority, double Key, long Sequence) x, (int Priority, double Key, long Sequence) y)
    {
        var c = y.Priority.CompareTo(x.Priority);
        if (c != 0)
        {
            return c;
        }

        c = y.Key.CompareTo(x.Key);
        return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
    }
}
