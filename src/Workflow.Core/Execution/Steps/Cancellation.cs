using Workflow.Model;

namespace Workflow.Execution;

/// <summary>Cancelling the whole run, or one task with all its map instances, on request.</summary>
internal static class Cancellation
{
    /// <summary>
    /// Cancels the whole run: every running attempt gets a CancelTask, every pending timer (a timeout,
    /// a retry backoff, a delay) a CancelTimer, and every unfinished task becomes cancelled.
    /// </summary>
    public static void CancelRun(RunStep step, string? reason)
    {
        foreach (var unit in step.State.Units)
        {
            if (!unit.IsFinal)
            {
                Stop(step, unit);
            }
        }

        foreach (var task in step.State.Tasks)
        {
            if (!task.IsFinal)
            {
                task.Status = TaskStatus.Cancelled;
                task.ErrorKind = ErrorKinds.Cancelled;
                task.Error = reason;
            }
        }

        step.State.UnfinishedTasks = 0;
        RunCompletion.Complete(step, RunStatus.Cancelled, reason);
    }

    /// <summary>Cancels one task (all its map instances); its children see it as failed.</summary>
    public static void CancelTask(RunStep step, string key, string? reason)
    {
        int t;
        if (step.Index.Graph.TryGetIndex(key, out var byId))
        {
            t = byId;
        }
        else if (step.Index.UnitByKey.TryGetValue(key, out var u))
        {
            t = step.State.Units[u].Task;
        }
        else
        {
            return;
        }

        var task = step.State.Tasks[t];
        if (task.IsFinal)
        {
            return;
        }

        var first = task.Unit >= 0 ? task.Unit : task.FirstInstance;
        var count = task.Unit >= 0 ? 1 : task.InstanceCount;
        for (var i = first; count > 0 && i < first + count; i++)
        {
            if (!step.State.Units[i].IsFinal)
            {
                Stop(step, step.State.Units[i]);
            }
        }

        Propagation.FinishTask(step, t, TaskStatus.Cancelled, null, ErrorKinds.Cancelled, reason ?? "Cancelled on request.");
    }

    private static void Stop(RunStep step, UnitState unit)
    {
        if (unit.Status == TaskStatus.Running && unit.HoldsSlot)
        {
            step.Emit(new CancelTask(unit.Key, unit.Attempt));
        }

        Attempts.Release(step.State, unit);
        StepTimers.Clear(step, unit, cancel: true);
        unit.Status = TaskStatus.Cancelled;
    }
}
