using Workflow.Model;

namespace Workflow.Execution;

internal sealed partial class RunStep
{
    /// <summary>
    /// Cancels the whole run: every running attempt gets a CancelTask, every pending timer (a timeout,
    /// a retry backoff, a delay) a CancelTimer, and every unfinished task becomes cancelled.
    /// </summary>
    private void CancelRun(string? reason)
    {
        foreach (var unit in _state.Units)
        {
            if (!unit.IsFinal)
            {
                Stop(unit);
            }
        }

        foreach (var task in _state.Tasks)
        {
            if (!task.IsFinal)
            {
                task.Status = TaskStatus.Cancelled;
                task.ErrorKind = ErrorKinds.Cancelled;
                task.Error = reason;
            }
        }

        _state.UnfinishedTasks = 0;
        Complete(RunStatus.Cancelled, reason);
    }

    /// <summary>Cancels one task (all its map instances); its children see it as failed.</summary>
    private void CancelTask(string key, string? reason)
    {
        int t;
        if (_index.Graph.TryGetIndex(key, out var byId))
        {
            t = byId;
        }
        else if (_index.UnitByKey.TryGetValue(key, out var u))
        {
            t = _state.Units[u].Task;
        }
        else
        {
            return;
        }

        var task = _state.Tasks[t];
        if (task.IsFinal)
        {
            return;
        }

        var first = task.Unit >= 0 ? task.Unit : task.FirstInstance;
        var count = task.Unit >= 0 ? 1 : task.InstanceCount;
        for (var i = first; count > 0 && i < first + count; i++)
        {
            if (!_state.Units[i].IsFinal)
            {
                Stop(_state.Units[i]);
            }
        }

        FinishTask(t, TaskStatus.Cancelled, null, ErrorKinds.Cancelled, reason ?? "Cancelled on request.");
    }

    private void Stop(UnitState unit)
    {
        if (unit.Status == TaskStatus.Running && unit.HoldsSlot)
        {
            Emit(new CancelTask(unit.Key, unit.Attempt));
        }

        Release(unit);
        ClearTimer(unit, cancel: true);
        unit.Status = TaskStatus.Cancelled;
    }
}
