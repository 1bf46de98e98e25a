using Workflow.Json;
using Workflow.Model;

namespace Workflow.Execution;

internal sealed partial class RunStep
{
    private void OnTaskSucceeded(TaskSucceeded e)
    {
        if (TryRunning(e.TaskKey, e.Attempt, out var unit))
        {
            SucceedAttempt(unit, e.Output);
        }
    }

    private void OnTaskFailed(TaskFailed e)
    {
        if (TryRunning(e.TaskKey, e.Attempt, out var unit))
        {
            FailAttempt(unit, e.ErrorKind, e.Message);
        }
    }

    private void OnChildRunCompleted(ChildRunCompleted e)
    {
        if (!TryRunning(e.TaskKey, e.Attempt, out var unit) || unit.ChildRunId != e.ChildRunId)
        {
            return;
        }

        switch (e.Status)
        {
            case RunStatus.Succeeded:
                SucceedAttempt(unit, e.Output);
                break;
            case RunStatus.Cancelled:
                FailAttempt(unit, ErrorKinds.Cancelled, $"Child run '{e.ChildRunId}' was cancelled.");
                break;
            default:
                FailAttempt(unit, ErrorKinds.ChildRunFailed, $"Child run '{e.ChildRunId}' ended {e.Status}.");
                break;
        }
    }

    /// <summary>
    /// Finds the unit an outcome is about. Late, duplicate and stale outcomes (an unknown key, an attempt
    /// that is not the current one, a unit that is no longer running) are ignored.
    /// </summary>
    private bool TryRunning(string key, int attempt, out UnitState unit)
    {
        unit = null!;
        if (!_index.UnitByKey.TryGetValue(key, out var u))
        {
            return false;
        }

        unit = _state.Units[u];
        return unit.Status == TaskStatus.Running && unit.Attempt == attempt;
    }

    private void OnTimerFired(TimerFired e)
    {
        if (!_index.UnitByTimer.TryGetValue(e.TimerId, out var u))
        {
            return;
        }

        var unit = _state.Units[u];
        var purpose = unit.TimerPurpose;
        ClearTimer(unit, cancel: false);
        switch (purpose)
        {
            case TimerPurpose.Timeout when unit.Status == TaskStatus.Running:
                Emit(new CancelTask(unit.Key, unit.Attempt));
                var timeout = TimeoutOf(Def(unit.Task)) ?? TimeSpan.Zero;
                FailAttempt(unit, ErrorKinds.Timeout,
                    $"Attempt {unit.Attempt} did not finish within its timeout of {Duration.Format(timeout)}");
                break;
            case TimerPurpose.Retry when unit.Status == TaskStatus.RetryWait:
                Enqueue(unit);
                break;
            case TimerPurpose.Delay when unit.Status == TaskStatus.Running:
                SucceedAttempt(unit, null);
                break;
        }
    }

    private void StartTimer(UnitState unit, TimerPurpose purpose, DateTimeOffset due)
    {
        var attempt = purpose == TimerPurpose.Retry ? unit.Attempt + 1 : unit.Attempt;
        var id = TimerIds.For(unit.Key, purpose, attempt);
        unit.TimerId = id;
        unit.TimerPurpose = purpose;
        _index.UnitByTimer[id] = _index.UnitByKey[unit.Key];
        Emit(new StartTimer(id, due, purpose, unit.Key));
    }

    private void ClearTimer(UnitState unit, bool cancel)
    {
        if (unit.TimerId is not { } id)
        {
            return;
        }

        _index.UnitByTimer.Remove(id);
        unit.TimerId = null;
        unit.TimerPurpose = null;
        if (cancel)
        {
            Emit(new CancelTimer(id));
        }
    }
}
