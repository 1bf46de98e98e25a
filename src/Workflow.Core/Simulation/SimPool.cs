using Workflow.Execution;

namespace Workflow.Simulation;

/// <summary>
/// A worker pool of the simulated shell: k workers and a queue ordered like a shell's global queue
/// (priority, then rank, then arrival).
/// </summary>
internal sealed class SimPool(int workers)
{
    private readonly PriorityQueue<RunTask, (int Priority, double Rank, long Arrival)> _queue =
        new(Comparer<(int Priority, double Rank, long Arrival)>.Create((x, y) =>
        {
            var c = y.Priority.CompareTo(x.Priority);
            if (c == 0)
            {
                c = y.Rank.CompareTo(x.Rank);
            }

            return c != 0 ? c : x.Arrival.CompareTo(y.Arrival);
        }));

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
