using Workflow.Execution;

namespace Workflow.Simulation;

public sealed partial class RunSimulator
{
    private void Carry(RunCommand command)
    {
        switch (command)
        {
            case RunTask task:
                PoolOf(task.Pool).Enqueue(task, _sequence++);
                break;
            case StartTimer timer:
                var fired = new Scheduled(new TimerFired(timer.DueAt, timer.TimerId));
                _timers[timer.TimerId] = fired;
                At((timer.DueAt - Epoch).Ticks, fired);
                break;
            case CancelTimer cancel when _timers.Remove(cancel.TimerId, out var pending):
                pending.Cancelled = true;
                break;
            case CancelTask cancel:
                Cancel(cancel.TaskKey, cancel.Attempt);
                break;
            case StartChildRun child:
                StartChild(child);
                break;
            case CompleteRun complete:
                _completion = complete;
                _completedAt = _now;
                break;
        }
    }

    private SimPool PoolOf(string name)
    {
        if (!_pools.TryGetValue(name, out var pool))
        {
            pool = new SimPool(_options.Workers.TryGetValue(name, out var k) ? k : _options.DefaultWorkers);
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

            _attempts++;
            pool.Busy++;
            var seconds = Duration(task.TaskId, task.TaskKey, task.Attempt);
            var due = _now + (long)(seconds * TimeSpan.TicksPerSecond);
            var at = Epoch + TimeSpan.FromTicks(due);
            RunEvent outcome = Fails(task.TaskKey, task.Attempt)
                ? new TaskFailed(at, task.TaskKey, task.Attempt, _options.FailureKind, "injected failure")
                : new TaskSucceeded(at, task.TaskKey, task.Attempt, _options.Outputs?.Invoke(task));
            var done = new Scheduled(outcome, task.Pool, seconds);
            _running[(task.TaskKey, task.Attempt)] = done;
            At(due, done);
            if (SimRandom.Uniform(_options.Seed, task.TaskKey, task.Attempt, 4) < _options.DuplicateRate)
            {
                At(due + TimeSpan.TicksPerSecond, new Scheduled(outcome));
            }
        }
    }

    private void FreeWorker(string poolName, Scheduled done)
    {
        var pool = _pools[poolName];
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

    private void Cancel(string key, int attempt)
    {
        if (_running.Remove((key, attempt), out var running))
        {
            running.Cancelled = true;
            if (running.Pool is { } poolName)
            {
                var pool = _pools[poolName];
                var started = (running.Event.At - Epoch).Ticks - (long)(running.Seconds * TimeSpan.TicksPerSecond);
                pool.Busy--;
                pool.BusySeconds += (double)(_now - started) / TimeSpan.TicksPerSecond;
            }

            return;
        }

        _cancelled.Add((key, attempt));
    }

    private void StartChild(StartChildRun child)
    {
        var seconds = Duration(child.TaskKey, child.TaskKey, child.Attempt);
        var due = _now + (long)(seconds * TimeSpan.TicksPerSecond);
        var status = Fails(child.TaskKey, child.Attempt) ? RunStatus.Failed : RunStatus.Succeeded;
        var done = new Scheduled(new ChildRunCompleted(Epoch + TimeSpan.FromTicks(due), child.TaskKey, child.Attempt,
            child.ChildRunId, status, null));
        _running[(child.TaskKey, child.Attempt)] = done;
        At(due, done);
    }

    private bool Fails(string key, int attempt) =>
        _options.FailureRate > 0 && SimRandom.Uniform(_options.Seed, key, attempt, 3) < _options.FailureRate;

    private double Duration(string taskId, string key, int attempt)
    {
        var mean = _options.Durations is not null && _options.Durations.TryGetValue(taskId, out var d) ? d
            : _configured.TryGetValue(taskId, out var c) ? c : TimeSpan.FromSeconds(1);
        return Math.Max(0, SimRandom.Sample(_options.DurationModel, mean.TotalSeconds, _options.Spread,
            _options.Seed, key, attempt));
    }
}
