namespace Workflow.Execution;

/// <summary>
/// A unit's one timer (its timeout, its retry backoff or its delay): arming and clearing it, and what its firing
/// means. A timer the step no longer knows, or one whose unit moved on, is ignored.
/// </summary>
internal static class StepTimers
{
    public static void OnFired(RunStep step, TimerFired e)
    {
        if (!step.Index.UnitByTimer.TryGetValue(e.TimerId, out var u))
        {
            return;
        }

        var unit = step.State.Units[u];
        var purpose = unit.TimerPurpose;
        Clear(step, unit, cancel: false);
        switch (purpose)
        {
            case TimerPurpose.Timeout when unit.Status == TaskStatus.Running:
                Attempts.TimedOut(step, unit);
                break;
            case TimerPurpose.Retry when unit.Status == TaskStatus.RetryWait:
                Retries.BackoffOver(step, unit);
                break;
            case TimerPurpose.Delay when unit.Status == TaskStatus.Running:
                Attempts.Succeed(step, unit, null);
                break;
        }
    }

    public static void Start(RunStep step, UnitState unit, TimerPurpose purpose, DateTimeOffset due)
    {
        var attempt = purpose == TimerPurpose.Retry ? unit.Attempt + 1 : unit.Attempt;
        var id = TimerIds.For(unit.Key, purpose, attempt);
        unit.TimerId = id;
        unit.TimerPurpose = purpose;
        step.Index.UnitByTimer[id] = step.Index.UnitByKey[unit.Key];
        step.Emit(new StartTimer(id, due, purpose, unit.Key));
    }

    public static void Clear(RunStep step, UnitState unit, bool cancel)
    {
        if (unit.TimerId is not { } id)
        {
            return;
        }

        step.Index.UnitByTimer.Remove(id);
        unit.TimerId = null;
        unit.TimerPurpose = null;
        if (cancel)
        {
            step.Emit(new CancelTimer(id));
        }
    }
}
