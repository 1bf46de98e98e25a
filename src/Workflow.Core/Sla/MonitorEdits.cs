using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Workflow.Sla;

/// <summary>
/// A state's task and attempt maps opened for a series of changes, such as a round's attempt starts and ends, and
/// made one state again at its end (<see cref="State"/>). Each change to a persistent map copies part of it, and
/// each change to the state record copies the record; a series copies each part of the task table at most once
/// and the record once, and its in-between states, which nothing could see, are never made.
/// </summary>
/// <remarks>
/// A rule that needs a whole state in the middle of a series (one that may raise or clear an alert) gets it
/// through <see cref="Update"/>, which makes the state, lets the rule change it as it would any state, and opens
/// the maps again from the result. The forecast index hears of every task the series touched
/// when the state is made; the task records change only here, so the index hears of every change.
/// </remarks>
internal sealed class MonitorEdits
{
    private readonly List<int> _touched = [];
    private SlaMonitorState _state;
    private TaskTable.Builder _tasks;

    /// <summary>
    /// Attempts started (or replaced) and ended in the series, by task key, not yet in the state's map: null for
    /// one that ended. An attempt that starts and ends within the series, as a short task's does, never touches
    /// the persistent map at all.
    /// </summary>
    private readonly Dictionary<string, RunningAttempt?> _running = new(StringComparer.Ordinal);
    private Observed _observed;

    public MonitorEdits(SlaMonitorState state)
    {
        _state = state;
        _tasks = state.Tasks.ToBuilder();
    }

    /// <summary>
    /// The state's fields other than its task and attempt maps and its observed durations (alerts, settings...).
    /// </summary>
    public SlaMonitorState Rest => _state;

    /// <summary>The state with the changes made so far; the edits go on from it.</summary>
    public SlaMonitorState State
    {
        get
        {
            if (_touched.Count > 0)
            {
                var tasks = _tasks.ToTable();
                var running = RunningMap();
                _state = _state with
                {
                    Tasks = tasks,
                    Running = running,
                    Index = _state.Index?.Touched(_touched, _state.Tasks, _state.Running, tasks, running),
                };
                _touched.Clear();
            }

            if (_observed.Any)
            {
                _state = _observed.AddTo(_state);
                _observed = default;
            }

            return _state;
        }
    }

    public bool TryGetTask(string id, out TaskSla task) => _tasks.TryGetValue(id, out task!);

    public bool TryGetNumber(string id, out int number) => _state.Tasks.Ids.TryGetNumber(id, out number);

    /// <summary>The record of task number <paramref name="number"/>, as changed so far.</summary>
    public TaskSla TaskAt(int number) => _tasks.At(number);

    /// <summary>Each task's dependents, by number.</summary>
    public int[][] Dependents => _state.Tasks.Ids.Edges(_state.Tasks).Dependents;

    /// <summary>Replaces one task's record.</summary>
    public void SetTask(TaskSla task) => _touched.Add(_tasks.Set(task));

    /// <summary>The attempt running under <paramref name="taskKey"/>, as changed so far.</summary>
    public bool TryGetRunning(string taskKey, [MaybeNullWhen(false)] out RunningAttempt attempt)
    {
        if (_running.TryGetValue(taskKey, out var changed))
        {
            attempt = changed;
            return changed is not null;
        }

        return _state.Running.TryGetValue(taskKey, out attempt);
    }

    /// <summary>Whether any attempt of task <paramref name="taskId"/> (of any of its instances) runs now.</summary>
    public bool AnyRunningOf(string taskId)
    {
        foreach (var attempt in _running.Values)
        {
            if (attempt?.TaskId == taskId)
            {
                return true;
            }
        }

        foreach (var (key, attempt) in _state.Running)
        {
            if (attempt.TaskId == taskId && !_running.ContainsKey(key))
            {
                return true;
            }
        }

        return false;
    }

    public void SetRunning(string taskKey, RunningAttempt attempt)
    {
        _running[taskKey] = attempt;
        Touch(attempt.TaskId);
    }

    public void RemoveRunning(string taskKey)
    {
        if (TryGetRunning(taskKey, out var attempt))
        {
            _running[taskKey] = null;
            Touch(attempt.TaskId);
        }
    }

    /// <summary>
    /// Adds a succeeded attempt's duration, and what its estimate predicted, to the state's observed sums (the
    /// slowdown ratio's inputs): in the same order as one state per attempt would, so the sums come out the same
    /// to the last bit, but with one copy of the state for the series rather than one per attempt.
    /// </summary>
    public void AddObserved(long tookTicks, long medianTicks, double expectedMean, double expectedVariance)
    {
        var sums = _observed.Any ? _observed : Observed.Of(_state);
        _observed = new Observed(true, sums.Ticks + tookTicks, sums.MedianTicks + medianTicks,
            sums.Mean + expectedMean, sums.Variance + expectedVariance);
    }

    /// <summary>Lets a rule change the whole state other than its task records (alerts, say).</summary>
    public void Update(Func<SlaMonitorState, SlaMonitorState> rule)
    {
        _state = rule(State);
        _tasks = _state.Tasks.ToBuilder();
    }

    /// <summary>The state's map of running attempts with the series' starts and ends applied.</summary>
    private ImmutableDictionary<string, RunningAttempt> RunningMap()
    {
        if (_running.Count == 0)
        {
            return _state.Running;
        }

        var map = _state.Running.ToBuilder();
        foreach (var (key, attempt) in _running)
        {
            if (attempt is null)
            {
                map.Remove(key);
            }
            else
            {
                map[key] = attempt;
            }
        }

        _running.Clear();
        return map.ToImmutable();
    }

    private void Touch(string taskId)
    {
        if (TryGetNumber(taskId, out var number))
        {
            _touched.Add(number);
        }
    }

    /// <summary>The state's observed sums as a series has moved them, not yet in the state.</summary>
    private readonly record struct Observed(bool Any, long Ticks, long MedianTicks, double Mean, double Variance)
    {
        public static Observed Of(SlaMonitorState state) => new(true, state.ObservedTicks,
            state.ObservedMedianTicks, state.ObservedExpectedMean, state.ObservedExpectedVariance);

        public SlaMonitorState AddTo(SlaMonitorState state) => state with
        {
            ObservedTicks = Ticks,
            ObservedMedianTicks = MedianTicks,
            ObservedExpectedMean = Mean,
            ObservedExpectedVariance = Variance,
        };
    }
}
