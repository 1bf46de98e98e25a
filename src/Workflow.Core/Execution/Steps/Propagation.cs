using System.Text.Json;

namespace Workflow.Execution;

/// <summary>
/// A task's end reaching its children: finished tasks wait in <see cref="RunStep.Finished"/> until the step drains
/// them, each child's trigger rule is evaluated once its parents are final, and a child that may run is queued
/// (a mapped one is expanded first).
/// </summary>
internal static class Propagation
{
    /// <summary>Records a task's final state; its children learn of it when the step drains.</summary>
    public static void FinishTask(RunStep step, int t, TaskStatus status, JsonElement? output = null,
        string? errorKind = null, string? error = null)
    {
        var task = step.State.Tasks[t];
        if (task.IsFinal)
        {
            return;
        }

        task.Status = status;
        task.Output = output?.Clone();
        task.ErrorKind = errorKind;
        task.Error = error;
        step.State.UnfinishedTasks--;
        step.Finished.Enqueue(t);
    }

    /// <summary>
    /// Tells the children of finished tasks, with a work list rather than recursion so that a skip
    /// running down a chain of 10,000 tasks needs no deep stack.
    /// </summary>
    public static void Drain(RunStep step)
    {
        var tasks = step.State.Tasks;
        while (step.Finished.TryDequeue(out var t))
        {
            var status = tasks[t].Status;
            foreach (var c in step.Index.Graph.Children(t))
            {
                var child = tasks[c];
                switch (status)
                {
                    case TaskStatus.Succeeded:
                        child.ParentsSucceeded++;
                        break;
                    case TaskStatus.Skipped:
                        child.ParentsSkipped++;
                        break;
                    default:
                        child.ParentsFailed++;
                        break;
                }

                if (child.Status == TaskStatus.Pending)
                {
                    Evaluate(step, c);
                }
            }
        }
    }

    public static void Evaluate(RunStep step, int t)
    {
        var state = step.State;
        var task = state.Tasks[t];
        var def = step.Def(t);
        var verdict = TriggerRules.Evaluate(def.Trigger, task.Parents, task.ParentsSucceeded,
            task.ParentsFailed, task.ParentsSkipped);
        if (verdict == TriggerVerdict.Skip)
        {
            if (task.Unit >= 0)
            {
                state.Units[task.Unit].Status = TaskStatus.Skipped;
            }

            FinishTask(step, t, TaskStatus.Skipped);
        }
        else if (verdict == TriggerVerdict.Ready)
        {
            if (def.Map is not null)
            {
                MapExpansion.Expand(step, t);
            }
            else
            {
                Enqueue(step, state.Units[task.Unit]);
            }
        }
    }

    /// <summary>A unit may run: it joins the ready queue, or launches at once when it only waits on a timer.</summary>
    public static void Enqueue(RunStep step, UnitState unit)
    {
        step.SetStatus(unit, TaskStatus.Ready);
        unit.Sequence = step.State.NextSequence++;
        if (step.Dispatching && TaskKinds.IsTimerOnly(step.Def(unit.Task).Kind))
        {
            Attempts.Launch(step, unit);
            return;
        }

        var task = step.State.Tasks[unit.Task];
        step.Index.Ready.Enqueue(step.Index.UnitByKey[unit.Key], task.Priority, task.Rank, unit.Sequence);
    }
}
