using System.Collections.Immutable;

namespace Workflow.Sla;

/// <summary>
/// The forecast kept up to date from what changed, so that an event costs what it touches rather than the whole
/// run. A task not yet done is either <em>settled</em>, its path to it fixed until something upstream changes (no
/// running attempt on it, and, when it is pending, every dependency done or settled), or it moves with the clock
/// (it is running, or pending behind one that does). Settled paths are kept with a running maximum
/// (<see cref="SettledPaths"/>), and pending work as exact sums (<see cref="PendingSums"/>); on each refresh only the
/// tasks that changed and the pending tasks below them are worked out again, and a forecast works out only the
/// running tasks and the pending tasks below them.
/// <see cref="CompletionForecast.Predict"/> works out the same from scratch; a property test holds the two equal.
/// </summary>
/// <remarks>
/// The index is a cache of one state version, and it is updated in place: <see cref="Touched"/> moves it from the
/// tasks and running attempts it follows to the new ones, so the state it came from no longer owns it. Anything
/// that hands the index a state it does not follow (an older state decided again, or a state changed other than
/// through its own methods) gets a new index built from scratch, so a decision still depends only on the state and
/// the event. In place rather than persistent, because a persistent set of 10,000 paths cost microseconds per
/// change in allocation alone; and in arrays by task number (<see cref="TaskGraph"/>), because a pass over a
/// large run's tasks (its start, or a task many others wait for starting and ending) through maps keyed by id
/// cost milliseconds. A decision claims the index (<see cref="TryClaim"/>) while it runs, so two callers deciding
/// states that share it at once never update it together: the one that finds it claimed builds its own.
/// </remarks>
internal sealed class ForecastIndex
{
    private readonly TaskGraph _graph;
    private readonly ForecastMode _mode;

    /// <summary>Each task's record as of the last refresh, by number.</summary>
    private readonly TaskSla[] _tasks;

    /// <summary>Each task's whole duration (<see cref="ForecastMath.Whole"/>), fixed as its estimate is.</summary>
    private readonly RemainingWork[] _whole;

    private readonly SettledPaths _settled;

    private readonly PendingSums _pending;

    /// <summary>Tasks changed since the last <see cref="Refresh"/>, and the state those changes led to.</summary>
    private readonly List<int> _dirty;
    private readonly bool[] _isDirty;
    private TaskTable _seenTasks;
    private ImmutableDictionary<string, RunningAttempt> _seenRunning;

    /// <summary>Scratch flags, all false between calls: running tasks, moving tasks, and the graph walk's.</summary>
    private readonly bool[] _running;
    private readonly List<int> _runningList = [];
    private readonly bool[] _moving;
    private readonly RemainingWork[] _movingPath;
    private readonly bool[] _walked;

    /// <summary>1 while a decision holds the index (<see cref="TryClaim"/>), 0 otherwise.</summary>
    private int _claimed;

    private ForecastIndex(SlaMonitorState state, TaskGraph graph)
    {
        var n = graph.Count;
        _graph = graph;
        _mode = state.Settings.Mode;
        _tasks = new TaskSla[n];
        _settled = new SettledPaths(n);
        _whole = new RemainingWork[n];
        _pending = new PendingSums(n);
        _isDirty = new bool[n];
        _dirty = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            _isDirty[i] = true;
            _dirty.Add(i);
        }

        _running = new bool[n];
        _moving = new bool[n];
        _movingPath = new RemainingWork[n];
        _walked = new bool[n];
        _seenTasks = state.Tasks;
        _seenRunning = state.Running;
    }

    /// <summary>
    /// Claims the index for one decision: false when another decision holds it now, which must then not touch it.
    /// One interlocked instruction, paid once per decision, not per event.
    /// </summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

    /// <summary>Ends the claim <see cref="TryClaim"/> made.</summary>
    public void Release() => Volatile.Write(ref _claimed, 0);

    /// <summary>An index with every task still to be worked out, for the first <see cref="Refresh"/>.</summary>
    public static ForecastIndex Build(SlaMonitorState state) => new(state, TaskGraph.Of(state.Tasks));

    /// <summary>
    /// Notes that some tasks' records or running attempts changed from (<paramref name="tasksBefore"/>,
    /// <paramref name="runningBefore"/>) to (<paramref name="tasks"/>, <paramref name="running"/>); the tasks by
    /// their numbers in the table. Null when this index did not follow the state before: the next refresh then
    /// builds one for the new state.
    /// </summary>
    public ForecastIndex? Touched(IEnumerable<int> taskNumbers, TaskTable tasksBefore,
        ImmutableDictionary<string, RunningAttempt> runningBefore, TaskTable tasks,
        ImmutableDictionary<string, RunningAttempt> running)
    {
        if (!Follows(tasksBefore, runningBefore))
        {
            return null;
        }

        foreach (var i in taskNumbers)
        {
            if (!_isDirty[i])
            {
                _isDirty[i] = true;
                _dirty.Add(i);
            }
        }

        _seenTasks = tasks;
        _seenRunning = running;
        return this;
    }

    private bool Follows(TaskTable tasks,
        ImmutableDictionary<string, RunningAttempt> running) =>
        ReferenceEquals(_seenTasks, tasks) && ReferenceEquals(_seenRunning, running);

    /// <summary>
    /// Brings the index up to <paramref name="state"/>. A state this index does not follow (an older one, or one
    /// changed other than through its own methods) gets a new index, built from scratch.
    /// </summary>
    public ForecastIndex Refresh(SlaMonitorState state)
    {
        if (!Follows(state.Tasks, state.Running) || _mode != state.Settings.Mode)
        {
            return Build(state).Refresh(state);
        }

        if (_dirty.Count == 0)
        {
            return this;
        }

        Read(state);
        MarkRunning(state);
        foreach (var i in _dirty)
        {
            _pending.Update(i, _whole[i], _tasks[i].Phase != TaskPhase.Done && !_running[i]);
        }

        var moving = new List<int>();
        foreach (var i in _graph.PendingDownstream(_dirty, _tasks, _walked))
        {
            _settled.Remove(i);
            var task = _tasks[i];
            if (task.Phase == TaskPhase.Done)
            {
                continue;
            }

            if (_running[i] || (task.Phase == TaskPhase.Pending && WaitsOnMoving(i)))
            {
                _moving[i] = true;
                moving.Add(i);
                continue;
            }

            _settled.Set(i, PathTo(i, _whole[i], withMoving: false));
        }

        foreach (var i in moving)
        {
            _moving[i] = false;
        }

        foreach (var i in _dirty)
        {
            _isDirty[i] = false;
        }

        _dirty.Clear();
        _settled.Tidy();
        return this;
    }

    /// <summary>
    /// The forecast at <paramref name="now"/> for the state this index was last refreshed to. It works in the index's
    /// scratch arrays, so only the holder of the index's claim may call it (the decision that refreshed it).
    /// </summary>
    public Forecast Predict(SlaMonitorState state, DateTimeOffset now)
    {
        var slowdown = CompletionForecast.Slowdown(state);
        var running = ForecastMath.Running(state, now, slowdown);
        var critical = _settled.Critical;
        var start = new List<int>(running.Own.Count);
        foreach (var id in running.Own.Keys)
        {
            if (_graph.TryGetNumber(id, out var i))
            {
                start.Add(i);
            }
        }

        var walked = _graph.PendingDownstream(start, _tasks, _walked);
        foreach (var i in walked)
        {
            var own = running.Own.TryGetValue(_graph.Ids[i], out var left) ? left : _whole[i];
            var path = PathTo(i, own, withMoving: true);
            _movingPath[i] = path;
            _moving[i] = true;
            critical = Math.Max(critical, path.Quantile95);
        }

        foreach (var i in walked)
        {
            _moving[i] = false;
        }

        return ForecastMath.Compose(state, now, slowdown, critical, _pending.Mean, _pending.Variance, running);
    }

    /// <summary>
    /// The path that ends with task <paramref name="i"/> (<see cref="ForecastMath.PathTo"/>, by number): through
    /// its dependencies' settled paths, or, <paramref name="withMoving"/>, the moving paths worked out so far.
    /// </summary>
    private RemainingWork PathTo(int i, RemainingWork own, bool withMoving)
    {
        var before = RemainingWork.Zero;
        if (_tasks[i].Phase == TaskPhase.Pending)
        {
            foreach (var dep in _graph.Dependencies[i])
            {
                var path = withMoving && _moving[dep] ? _movingPath[dep] : _settled.PathTo(dep);
                before = ForecastMath.Longer(before, path);
            }
        }

        return before.Then(own);
    }

    /// <summary>Whether a dependency of task <paramref name="i"/> is moving: not done, and not settled.</summary>
    private bool WaitsOnMoving(int i)
    {
        foreach (var dep in _graph.Dependencies[i])
        {
            if (_moving[dep] || (_tasks[dep].Phase != TaskPhase.Done && !_settled.Contains(dep)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The dirty tasks' records, by number from the state's table (numbered as the graph is); all of them, with
    /// their whole durations, for a new index.
    /// </summary>
    private void Read(SlaMonitorState state)
    {
        if (_dirty.Count < _tasks.Length)
        {
            foreach (var i in _dirty)
            {
                _tasks[i] = state.Tasks.At(i);
            }

            return;
        }

        for (var i = 0; i < _tasks.Length; i++)
        {
            _tasks[i] = state.Tasks.At(i);
            _whole[i] = ForecastMath.Whole(_tasks[i], _mode);
        }
    }

    /// <summary>Sets <see cref="_running"/> to the tasks that have an attempt running now.</summary>
    private void MarkRunning(SlaMonitorState state)
    {
        foreach (var i in _runningList)
        {
            _running[i] = false;
        }

        _runningList.Clear();
        foreach (var attempt in state.Running.Values)
        {
            if (_graph.TryGetNumber(attempt.TaskId, out var i) && !_running[i])
            {
                _running[i] = true;
                _runningList.Add(i);
            }
        }
    }
}
