namespace Workflow.Engine.Runtime;

/// <summary>
/// Runs an async loop on a thread of its own: the loop's continuations come back to that thread (through a
/// <see cref="SynchronizationContext"/> that queues them to it), not to the thread pool. The engine's workers
/// continue on the pool (each task's start commit, handler and completion); a side loop that works in bursts (the
/// SLA monitor's rounds, the observer hand-off) then never holds a pool thread they wait for, and its CPU shows
/// apart, per thread. The CPU itself it still takes from the machine (docs/benchmarks.md, P10).
/// </summary>
internal sealed class DedicatedThread : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private bool _ended;

    private DedicatedThread()
    {
    }

    /// <summary>
    /// Starts <paramref name="loop"/> on a new background thread named <paramref name="name"/>; the task ends with the
    /// loop (its exception included), after which the thread ends too.
    /// </summary>
    public static Task Run(string name, Func<Task> loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new DedicatedThread();
        new Thread(() => context.Pump(loop, done)) { IsBackground = true, Name = name }.Start();
        return done.Task;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_queue)
        {
            if (!_ended)
            {
                _queue.Enqueue((d, state));
                Monitor.Pulse(_queue);
                return;
            }
        }

        // The loop ended (a late timer or cancellation callback): nothing runs on this thread any more.
        ThreadPool.UnsafeQueueUserWorkItem(s => d(s), state, preferLocal: false);
    }

    public override SynchronizationContext CreateCopy() => this;

    private void Pump(Func<Task> loop, TaskCompletionSource done)
    {
        SetSynchronizationContext(this);
        Task task;
        try
        {
            task = loop();
        }
        catch (Exception ex)
        {
            task = Task.FromException(ex);
        }

        // The loop's last continuation runs here and completes the task; what was posted after it goes to the pool.
        task.ContinueWith(_ => Post(static _ => { }, null), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (Next(task) is var (callback, state))
        {
            callback(state);
        }

        done.SetFromTask(task);
    }

    /// <summary>The next posted callback, waiting for one; none once the loop has ended and nothing is left.</summary>
    private (SendOrPostCallback, object?)? Next(Task loop)
    {
        lock (_queue)
        {
            while (_queue.Count == 0)
            {
                if (loop.IsCompleted)
                {
                    _ended = true;
                    return null;
                }

                Monitor.Wait(_queue);
            }

            return _queue.Dequeue();
        }
    }
}
