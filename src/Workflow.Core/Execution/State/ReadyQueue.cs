namespace Workflow.Execution;

/// <summary>
/// Units whose trigger rule is met, ordered by priority (descending), then the policy's rank
/// (descending), then FIFO sequence. Keys are unique through the sequence, so the order is total and a
/// rebuilt queue pops in the same order. Entries of units that left the ready state are skipped lazily.
/// </summary>
internal sealed class ReadyQueue
{
    private readonly PriorityQueue<int, (int Priority, double Rank, long Sequence)> _queue = new(KeyOrder.Instance);

    public int Count => _queue.Count;

    public void Enqueue(int unit, int priority, double rank, long sequence) =>
        _queue.Enqueue(unit, (priority, rank, sequence));

    public bool TryDequeue(out int unit) => _queue.TryDequeue(out unit, out _);

    private sealed class KeyOrder : IComparer<(int Priority, double Rank, long Sequence)>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare((int Priority, double Rank, long Sequence) x, (int Priority, double Rank, long Sequence) y)
        {
            var c = y.Priority.CompareTo(x.Priority);
            if (c != 0)
            {
                return c;
            }

            c = y.Rank.CompareTo(x.Rank);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
