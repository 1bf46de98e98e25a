using Workflow.Dag;
using Workflow.Execution;

namespace Workflow.Simulation;

/// <summary>
/// A worker pool of the simulated shell: k workers and a queue ordered like a shell's global queue
/// (<see cref="DispatchOrder"/>: priority, then rank, then arrival).
/// </summary>
internal sealed class SimPool(int workers)
{
    private readonly PriorityQueue<RunTask, (int Priority, double Key, long Arrival)> _queue =
        new(DispatchOrder.Instance);

    public int Workers { get; } = Math.Max(1, workers);
    public int Busy { get; set; }
    public double BusySeconds { get; set; }

    public void Enqueue(RunTask task, long arrival) => _queue.Enqueue(task, (task.Priority, task.Rank, arrival));

    public bool TryTake(out RunTask task)
    {
        task = null!;
        return Busy < Workers && _queue.TryDequeue(out task!, out _);
    }
}
