using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// One application of an event to a run state: it mutates the state, collects commands, then settles
/// (propagates finished tasks to their children, fills free slots from the ready queue, completes the run).
/// Split into partial files by concern; every method touches only the tasks the event concerns.
/// </summary>
internal sealed partial class RunStep
{
    private readonly RunState _state;
    private readonly DateTimeOffset _at;
    private readonly List<RunCommand> _commands = [];
    private readonly Queue<int> _finished = new();
    private RunIndex _index = null!;

    private RunStep(RunState state, DateTimeOffset at)
    {
        _state = state;
        _at = at;
    }

    public static RunDecision Apply(RunState state, RunEvent @event)
    {
        var step = new RunStep(state, @event.At);
        step.Handle(@event);
        return new RunDecision(state, step._commands);
    }

    private void Handle(RunEvent @event)
    {
        if (@event is RunStarted started)
        {
            if (_state.Status == RunStatus.Queued)
            {
                Start(started);
            }

            return;
        }

        if (_state.Status is not (RunStatus.Running or RunStatus.Suspended))
        {
            return;
        }

        _index = RunIndex.Of(_state);
        switch (@event)
        {
            case TaskSucceeded e:
                OnTaskSucceeded(e);
                break;
            case TaskFailed e:
                OnTaskFailed(e);
                break;
            case ChildRunCompleted e:
                OnChildRunCompleted(e);
                break;
            case TimerFired e:
                OnTimerFired(e);
                break;
            case CancelRequested { TaskKey: null } e:
                CancelRun(e.Reason);
                return;
            case CancelRequested e:
                CancelTask(e.TaskKey!, e.Reason);
                break;
            case RunSuspended:
                _state.Status = RunStatus.Suspended;
                break;
            case RunResumed when _state.Status == RunStatus.Suspended:
                Resume();
                break;
        }

        Settle();
    }

    private void Settle()
    {
        var max = _state.Definition!.Concurrency.MaxParallelTasks;
        if (max <= 0)
        {
            max = int.MaxValue;
        }

        while (true)
        {
            Drain();
            if (!Dispatching || _state.SlotsInUse >= max || !_index.Ready.TryDequeue(out var u))
            {
                break;
            }

            if (_state.Units[u].Status == TaskStatus.Ready)
            {
                Launch(_state.Units[u]);
            }
        }

        CompleteIfDone();
    }

    /// <summary>
    /// Whether ready tasks may start: not while the run is suspended. The one gate for every new attempt (slot-holding
    /// tasks here, timer-only tasks in <see cref="Enqueue"/>); they stay ready until <see cref="Resume"/>.
    /// </summary>
    private bool Dispatching => _state.Status == RunStatus.Running;

    /// <summary>
    /// Ends a suspension. Timer-only tasks that became ready meanwhile wait in the ready queue, where slot-holding tasks
    /// would wait behind the slot limit; they take no slot, so they start here. The rest start as <see cref="Settle"/> fills slots.
    /// </summary>
    private void Resume()
    {
        _state.Status = RunStatus.Running;
        foreach (var unit in _state.Units)
        {
            if (unit.Status == TaskStatus.Ready && TaskKinds.IsTimerOnly(Def(unit.Task).Kind))
            {
                Launch(unit);
            }
        }
    }

    private TaskDefinition Def(int task) => _state.Definition!.Tasks[task];

    private TaskDefaults Defaults => _state.Definition!.Defaults;

    private void Emit(RunCommand command) => _commands.Add(command);

    private void Notify(NotificationKind kind, string message, string? key = null, int? attempt = null) =>
        Emit(new Notify(kind, _at, message, key, attempt));

    /// <summary>Sets a unit's status, and its task's when the task is plain (not mapped).</summary>
    private void SetStatus(UnitState unit, TaskStatus status)
    {
        unit.Status = status;
        var task = _state.Tasks[unit.Task];
        if (task.Unit >= 0 && !task.IsFinal)
        {
            task.Status = status;
        }
    }
}
