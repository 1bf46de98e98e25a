using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// Suspending and resuming a run. A suspended run starts no new attempt (<see cref="RunStep.Dispatching"/> is the
/// gate); running attempts finish and their results are kept, timers keep counting, and ready tasks wait.
/// </summary>
internal static class Suspension
{
    public static void Suspend(RunStep step) => step.State.Status = RunStatus.Suspended;

    /// <summary>
    /// Ends a suspension. Timer-only tasks that became ready meanwhile wait in the ready queue, where slot-holding
    /// tasks would wait behind the slot limit; they take no slot, so they start here. The rest start as
    /// <see cref="RunStep.Settle"/> fills slots.
    /// </summary>
    public static void Resume(RunStep step)
    {
        if (step.State.Status != RunStatus.Suspended)
        {
            return;
        }

        step.State.Status = RunStatus.Running;
        foreach (var unit in step.State.Units)
        {
            if (unit.Status == TaskStatus.Ready && TaskKinds.IsTimerOnly(step.Def(unit.Task).Kind))
            {
                Attempts.Launch(step, unit);
            }
        }
    }
}
