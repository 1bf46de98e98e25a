namespace Workflow.Engine.Runtime;

/// <summary>
/// The in-memory face of the durable timers: the <c>timers</c> table (decider timers) and parked work items
/// (<c>available_at</c>) are loaded at start-up, so timers that came due while the process was down fire at once.
/// One loop waits on the engine's <see cref="TimeProvider"/> for the earliest due time.
/// </summary>
internal sealed class TimerService(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Action, long> _queue = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="fire"/> at <paramref name="dueAt"/>, or at once if it is past.</summary>
    public void Schedule(DateTimeOffset dueAt, Action fire)
    {
        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            var earliest = _queue.TryPeek(out _, out var current) ? current : long.MaxValue;
            _queue.Enqueue(fire, dueAt.UtcTicks);
            if (dueAt.UtcTicks < earliest)
            {
                wake = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        wake?.TrySetResult();
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            List<Action> due = [];
            Task changed;
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetUtcNow().UtcTicks;
                while (_queue.TryPeek(out var fire, out var at) && at <= now)
                {
                    _queue.Dequeue();
                    due.Add(fire);
                }

                changed = _changed.Task;
                wait = _queue.TryPeek(out _, out var next)
                    ? TimeSpan.FromTicks(Math.Max(1, next - now))
                    : Timeout.InfiniteTimeSpan;
            }

            foreach (var fire in due)
            {
                fire();
            }

            if (due.Count > 0)
            {
                continue;
            }

            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var delay = wait == Timeout.InfiniteTimeSpan
                ? Task.Delay(Timeout.Infinite, delayCancel.Token)
                : Task.Delay(wait, time, delayCancel.Token);
            await Task.WhenAny(delay, changed);
            await delayCancel.CancelAsync();
        }
    }
}
