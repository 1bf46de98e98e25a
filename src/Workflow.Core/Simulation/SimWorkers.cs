using Workflow.Dag;
using Workflow.Execution;

namespace Workflow.Simulation;

/// <summary>
/// The simulated shell's workers: a <see cref="SimPool"/> per pool, the work in flight (attempts and child runs)
/// whose outcomes wait on the agenda, and what they add up to for the report (attempts started, busy time, the
/// longest successful duration of each task).
/// </summary>
internal sealed class SimWorkers(SimulationOptions options, SimAgenda agenda, WorkSampler sampler)
{
    private readonly Dictionary<string, SimPool> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, int Attempt), AgendaItem> _running = new();
    private readonly HashSet<(string Key, int Attempt)> _cancelled = [];
    private readonly Dictionary<string, double> _successSeconds = new(StringComparer.Ordinal);
    private long _arrivals;

    public IReadOnlyDictionary<string, SimPool> Pools => _pools;

    /// <summary>The longest duration a successful attempt of each task id took (a map: its longest instance).</summary>
    public IReadOnlyDictionary<string, double> SuccessSeconds => _successSeconds;

    public int Attempts { get; private set; }

    public void Enqueue(RunTask task) => PoolOf(task.Pool).Enqueue(task, _arrivals++);

    /// <summary>Starts queued attempts on every pool's free workers, scheduling their outcomes.</summary>
    public void StartWork()
    {
        foreach (var pool in _pools.Values)
        {
            StartWork(pool);
        }
    }

    /// <summary>Frees the worker an outcome held, as the agenda delivers it.</summary>
    public void Free(AgendaItem done)
    {
        var pool = _pools[done.Pool!];
        pool.Busy--;
        pool.BusySeconds += done.Seconds;
        var key = done.Event switch
        {
            TaskSucceeded s => (s.TaskKey, s.Attempt),
            TaskFailed f => (f.TaskKey, f.Attempt),
            _ => default,
        };
        _running.Remove(key);
        if (done.Event is TaskSucceeded)
        {
            var id = TaskInstanceKey.TaskIdOf(key.TaskKey);
            _successSeconds[id] = Math.Max(done.Seconds, _successSeconds.GetValueOrDefault(id));
        }
    }

    /// <summary>Stops work in flight (its worker counts the time it ran), or drops it before it starts.</summary>
    public void Cancel(string key, int attempt)
    {
        if (_running.Remove((key, attempt), out var running))
        {
            running.Cancelled = true;
            if (running.Pool is { } poolName)
            {
                var pool = _pools[poolName];
                var started = SimAgenda.TicksOf(running.Event.At) - (long)(running.Seconds * TimeSpan.TicksPerSecond);
                pool.Busy--;
                pool.BusySeconds += (double)(agenda.Now - started) / TimeSpan.TicksPerSecond;
            }

            return;
        }

        _cancelled.Add((key, attempt));
    }

    /// <summary>A child run takes no worker: it completes after a sampled duration, failing as an attempt would.</summary>
    public void StartChild(StartChildRun child)
    {
        var seconds = sampler.Seconds(child.TaskKey, child.TaskKey, child.Attempt);
        var due = agenda.Now + (long)(seconds * TimeSpan.TicksPerSecond);
        var status = sampler.Fails(child.TaskKey, child.Attempt) ? RunStatus.Failed : RunStatus.Succeeded;
        var done = new AgendaItem(new ChildRunCompleted(SimAgenda.InstantOf(due), child.TaskKey, child.Attempt,
            child.ChildRunId, status, null));
        _running[(child.TaskKey, child.Attempt)] = done;
        agenda.At(due, done);
    }

    private SimPool PoolOf(string name)
    {
        if (!_pools.TryGetValue(name, out var pool))
        {
            pool = new SimPool(options.Workers.TryGetValue(name, out var k) ? k : options.DefaultWorkers);
            _pools[name] = pool;
        }

        return pool;
    }

    private void StartWork(SimPool pool)
    {
        while (pool.TryTake(out var task))
        {
            if (_cancelled.Remove((task.TaskKey, task.Attempt)))
            {
                continue;
            }

            Attempts++;
            pool.Busy++;
            var seconds = sampler.Seconds(task.TaskId, task.TaskKey, task.Attempt);
            var due = agenda.Now + (long)(seconds * TimeSpan.TicksPerSecond);
            var at = SimAgenda.InstantOf(due);
            RunEvent outcome = sampler.Fails(task.TaskKey, task.Attempt)
                ? new TaskFailed(at, task.TaskKey, task.Attempt, options.FailureKind, "injected failure")
                : new TaskSucceeded(at, task.TaskKey, task.Attempt, options.Outputs?.Invoke(task));
            var done = new AgendaItem(outcome, task.Pool, seconds);
            _running[(task.TaskKey, task.Attempt)] = done;
            agenda.At(due, done);
            if (sampler.Duplicates(task.TaskKey, task.Attempt))
            {
                agenda.At(due + TimeSpan.TicksPerSecond, new AgendaItem(outcome));
            }
        }
    }
}
