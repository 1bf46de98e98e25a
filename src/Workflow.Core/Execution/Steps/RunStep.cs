using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// One application of an event to a run state: it mutates the state, collects commands, then settles
/// (propagates finished tasks to their children, fills free slots from the ready queue, completes the run).
/// A step is what its behaviours share: the state, the event's time, the lookup index, the commands so far and
/// the tasks finished but not yet propagated. Each behaviour is its own type that takes the step:
/// <see cref="RunStart"/>, <see cref="Attempts"/>, <see cref="Retries"/>, <see cref="StepTimers"/>,
/// <see cref="Propagation"/>, <see cref="MapExpansion"/>, <see cref="Cancellation"/>, <see cref="Suspension"/> and
/// <see cref="RunCompletion"/>. Every method touches only the tasks the event concerns.
/// </summary>
internal sealed class RunStep
{
    private readonly List<RunCommand> _commands = [];

    private RunStep(RunState state, DateTimeOffset at)
    {
        State = state;
        At = at;
    }

    /// <summary>The run being decided; the step changes it in place.</summary>
    public RunState State { get; }

    /// <summary>The event's time: the decider's only clock.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The state's lookup tables and ready queue; set once the run has started.</summary>
    public RunIndex Index { get; set; } = null!;

    /// <summary>Tasks that became final in this step and whose children have not been told yet.</summary>
    public Queue<int> Finished { get; } = new();

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
            if (State.Status == RunStatus.Queued)
            {
                RunStart.Start(this, started);
            }

            return;
        }

        if (State.Status is not (RunStatus.Running or RunStatus.Suspended))
        {
            return;
        }

        Index = RunIndex.Of(State);
        switch (@event)
        {
            case TaskSucceeded e:
                Attempts.OnSucceeded(this, e);
                break;
            case TaskFailed e:
                Attempts.OnFailed(this, e);
                break;
            case ChildRunCompleted e:
                Attempts.OnChildRunCompleted(this, e);
                break;
            case TimerFired e:
                StepTimers.OnFired(this, e);
                break;
            case CancelRequested { TaskKey: null } e:
                Cancellation.CancelRun(this, e.Reason);
                return;
            case CancelRequested e:
                Cancellation.CancelTask(this, e.TaskKey!, e.Reason);
                break;
            case RunSuspended:
                Suspension.Suspend(this);
                break;
            case RunResumed:
                Suspension.Resume(this);
                break;
        }

        Settle();
    }

    /// <summary>Propagates what finished, launches ready units into free slots, and completes a finished run.</summary>
    public void Settle()
    {
        var max = State.Definition!.Concurrency.MaxParallelTasks;
        if (max <= 0)
        {
            max = int.MaxValue;
        }

        while (true)
        {
            Propagation.Drain(this);
            if (!Dispatching || State.SlotsInUse >= max || !Index.Ready.TryDequeue(out var u))
            {
                break;
            }

            if (State.Units[u].Status == TaskStatus.Ready)
            {
                Attempts.Launch(this, State.Units[u]);
            }
        }

        RunCompletion.CompleteIfDone(this);
    }

    /// <summary>
    /// Whether ready tasks may start: not while the run is suspended. The one gate for every new attempt (slot-holding
    /// tasks in <see cref="Settle"/>, timer-only tasks in <see cref="Propagation"/>); they stay ready until
    /// <see cref="Suspension.Resume"/>.
    /// </summary>
    public bool Dispatching => State.Status == RunStatus.Running;

    public TaskDefinition Def(int task) => State.Definition!.Tasks[task];

    public TaskDefaults Defaults => State.Definition!.Defaults;

    public void Emit(RunCommand command) => _commands.Add(command);

    public void Notify(NotificationKind kind, string message, string? key = null, int? attempt = null) =>
        Emit(new Notify(kind, At, message, key, attempt));

    /// <summary>Sets a unit's status, and its task's when the task is plain (not mapped).</summary>
    public void SetStatus(UnitState unit, TaskStatus status)
    {
        unit.Status = status;
        var task = State.Tasks[unit.Task];
        if (task.Unit >= 0 && !task.IsFinal)
        {
            task.Status = status;
        }
    }
}
