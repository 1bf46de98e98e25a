using Workflow.Dag;

namespace Workflow.Execution;

/// <summary>
/// Units whose trigger rule is met, in <see cref="DispatchOrder"/>: priority (descending), then the policy's rank
/// (descending), then FIFO sequence. Keys are unique through the sequence, so the order is total and a
/// rebuilt queue pops in the same order. Entries of units that left the ready state are skipped lazily.
/// </summary>
internal sealed class ReadyQueue
{
    private readonly PriorityQueue<int, (int Priority, double Key, long Sequence)> _queue = new(DispatchOrder.Instance);

    public int Count => _queue.Count;

    public void Enqueue(int unit, int priority, double rank, long sequence) =>
        _queue.Enqueue(unit, (priority, rank, sequence));

    public bool TryDequeue(out int unit) => _queue.TryDequeue(out unit, out _);
}
