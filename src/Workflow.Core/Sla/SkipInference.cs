using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Sla;

/// <summary>
/// Skipped tasks. The run decider skips a task whose trigger rule can no longer be met and reports no event for
/// it, so the monitor works the skips out itself from the same rules: otherwise a skipped branch would stay in
/// the remaining work for good and hold the forecast, and with it a deadline-at-risk alert, too late.
/// </summary>
internal static class SkipInference
{
    /// <summary>
    /// Stores <paramref name="task"/> in <paramref name="phase"/>, with its final outcome once that is certain, then
    /// skips what that rules out downstream (a success skips a one-failed child). A map instance's success says
    /// nothing final about its task (other instances may yet fail); a final failure of any instance fails the
    /// task, and an explicit skip is final.
    /// </summary>
    public static void RecordOutcome(MonitorEdits edits, TaskSla task, TaskPhase phase, string taskKey,
        TaskOutcome outcome)
    {
        var certain = task.Outcome is null && outcome switch
        {
            TaskOutcome.Succeeded => taskKey == task.Id,
            TaskOutcome.Failed or TaskOutcome.Skipped => true,
            _ => false,
        };
        if (!certain)
        {
            if (task.Phase != phase)
            {
                edits.SetTask(task with { Phase = phase });
            }

            return;
        }

        edits.SetTask(task with
        {
            Outcome = outcome,
            Phase = outcome == TaskOutcome.Skipped ? TaskPhase.Done : phase,
        });

        // A success can skip only a one-failed child (every parent done, none failed): every other rule waits or
        // runs on it. Most pipelines have no such task, and then a success, the common event, costs nothing here.
        var success = outcome == TaskOutcome.Succeeded;
        if ((!success || edits.Rest.AnyOneFailed) && edits.TryGetNumber(task.Id, out var finished))
        {
            SkipDownstream(edits, finished);
        }
    }

    /// <summary>
    /// Marks done, as skipped, every pending task downstream of task number <paramref name="finished"/> whose
    /// trigger rule now says skip: a work list over the tasks' dependents, so a long chain needs no deep stack and
    /// a run's tasks are each looked at once per parent that ended, not once per task that ended.
    /// </summary>
    private static void SkipDownstream(MonitorEdits edits, int finished)
    {
        var dependents = edits.Dependents;
        var work = new Queue<int>();
        work.Enqueue(finished);
        while (work.TryDequeue(out var parent))
        {
            foreach (var number in dependents[parent])
            {
                var child = edits.TaskAt(number);
                if (child.Phase == TaskPhase.Pending && child.Outcome is null &&
                    Verdict(edits, child) == TriggerVerdict.Skip)
                {
                    edits.SetTask(child with { Phase = TaskPhase.Done, Outcome = TaskOutcome.Skipped });
                    work.Enqueue(number);
                }
            }
        }
    }

    /// <summary>The child's trigger rule over the outcomes its parents have so far.</summary>
    private static TriggerVerdict Verdict(MonitorEdits edits, TaskSla child)
    {
        int succeeded = 0, failed = 0, skipped = 0;
        foreach (var dep in child.DependsOn)
        {
            switch (edits.TryGetTask(dep, out var p) ? p.Outcome : null)
            {
                case TaskOutcome.Succeeded: succeeded++; break;
                case TaskOutcome.Skipped: skipped++; break;
                case TaskOutcome.Failed or TaskOutcome.Cancelled: failed++; break;
            }
        }

        return TriggerRules.Evaluate(child.Trigger, child.DependsOn.Length, succeeded, failed, skipped);
    }
}
