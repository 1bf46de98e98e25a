using System.Collections.Immutable;

namespace Workflow.Sla;

/// <summary>
/// A state's task and attempt maps opened for a series of changes, such as a round's attempt starts and ends, and
/// made one state again at its end (<see cref="State"/>). A persistent map of 10,000 tasks copies its whole path
/// (about 1 KB) on every change, and the state record itself is copied each time; a series copies each path once
/// at most and the record once, and its in-between states, which nothing could see, are never made.
/// </summary>
/// <remarks>
/// A rule that needs a whole state in the middle of a series (one that may raise or clear an alert, or skip
/// tasks) gets it through <see cref="Update"/>, which makes the state, lets the rule change it as it would any
/// state, and opens the maps again from the result. The forecast index hears of every task the series touched
/// when the state is made, as it hears of each change made through the state's own methods.
/// </remarks>
internal sealed class MonitorEdits
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private SlaMonitorState _state;
    private ImmutableDictionary<string, TaskSla>.Builder _tasks;
    private ImmutableDictionary<string, RunningAttempt>.Builder _running;

    public MonitorEdits(SlaMonitorState state)
    {
        _state = state;
        _tasks = state.Tasks.ToBuilder();
        _running = state.Running.ToBuilder();
    }

    /// <summary>The state's fields other than its task and attempt maps (alerts, settings, observed sums...).</summary>
    public SlaMonitorState Rest => _state;

    /// <summary>Running attempts by task key, as changed so far.</summary>
    public IReadOnlyDictionary<string, RunningAttempt> Running => _running;

    /// <summary>The state with the changes made so far; the edits go on from it.</summary>
    public SlaMonitorState State
    {
        get
        {
            var tasks = _tasks.ToImmutable();
            var running = _running.ToImmutable();
            if (_touched.Count > 0)
            {
                _state = _state with
                {
                    Tasks = tasks,
                    Running = running,
                    Index = _state.Index?.Touched(_touched, _state.Tasks, _state.Running, tasks, running),
                };
                _touched.Clear();
            }

            return _state;
        }
    }

    public bool TryGetTask(string id, out TaskSla task) => _tasks.TryGetValue(id, out task!);

    /// <summary>Replaces one task's record.</summary>
    public void SetTask(TaskSla task)
    {
        _tasks[task.Id] = task;
        _touched.Add(task.Id);
    }

    public void SetRunning(string taskKey, RunningAttempt attempt)
    {
        _running[taskKey] = attempt;
        _touched.Add(attempt.TaskId);
    }

    public void RemoveRunning(string taskKey)
    {
        if (_running.TryGetValue(taskKey, out var attempt))
        {
            _running.Remove(taskKey);
            _touched.Add(attempt.TaskId);
        }
    }

    /// <summary>Changes a field of the state other than its maps (the maps are not to be changed this way).</summary>
    public void SetRest(Func<SlaMonitorState, SlaMonitorState> change) => _state = change(_state);

    /// <summary>Lets a rule change the whole state (the maps included, through the state's own methods).</summary>
    public void Update(Func<SlaMonitorState, SlaMonitorState> rule)
    {
        _state = rule(State);
        _tasks = _state.Tasks.ToBuilder();
        _running = _state.Running.ToBuilder();
    }
}
