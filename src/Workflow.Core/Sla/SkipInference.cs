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
    /// Stores <paramref name="task"/> (the task's record as its caller changed it) with its final outcome once that
    /// is certain, then skips what that rules out downstream (a success skips a one-failed child). A map
    /// instance's success says nothing final about its task (other instances may yet fail); a final failure of any
    /// instance fails the task, and an explicit skip is final.
    /// </summary>
    public static void RecordOutcome(MonitorEdits edits, TaskSla task, string taskKey, TaskOutcome outcome)
    {
        var certain = task.Outcome is null && outcome switch
        {
            TaskOutcome.Succeeded => taskKey == task.Id,
            TaskOutcome.Failed or TaskOutcome.Skipped => true,
            _ => false,
        };
        if (!certain)
        {
            if (!edits.TryGetTask(task.Id, out var current) || !ReferenceEquals(current, task))
            {
                edits.SetTask(task);
            }

            return;
        }

        edits.SetTask(task with
        {
            Outcome = outcome,
            Phase = outcome == TaskOutcome.Skipped ? TaskPhase.Done : task.Phase,
        });

        // A success can skip only a one-failed child (every parent done, none failed): every other rule waits or
        // runs on it. Most pipelines have no such task, and then a success, the common event, costs nothing here.
        var success = outcome == TaskOutcome.Succeeded;
        if (!success || edits.Rest.AnyOneFailed)
        {
            edits.Update(state => SkipDownstream(state, task.Id));
        }
    }

    /// <summary>
    /// Marks done, as skipped, every pending task downstream of <paramref name="finishedId"/> whose trigger rule
    /// now says skip, with a work list so a long chain needs no deep stack.
    /// </summary>
    private static SlaMonitorState SkipDownstream(SlaMonitorState state, string finishedId)
    {
        var candidates = state.Tasks.Values.ToArray();
        var work = new Queue<string>();
        work.Enqueue(finishedId);
        while (work.TryDequeue(out var parent))
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Phase != TaskPhase.Pending || candidate.Outcome is not null ||
                    !candidate.DependsOn.Contains(parent, StringComparer.Ordinal))
                {
                    continue;
                }

                var child = state.Tasks[candidate.Id];
                if (child.Outcome is null && Verdict(state, child) == TriggerVerdict.Skip)
                {
                    state = state.SetTask(child with { Phase = TaskPhase.Done, Outcome = TaskOutcome.Skipped });
                    work.Enqueue(child.Id);
                }
            }
        }

        return state;
    }

    /// <summary>The child's trigger rule over the outcomes its parents have so far.</summary>
    private static TriggerVerdict Verdict(SlaMonitorState state, TaskSla child)
    {
        int succeeded = 0, failed = 0, skipped = 0;
        foreach (var dep in child.DependsOn)
        {
            switch (state.Tasks.TryGetValue(dep, out var p) ? p.Outcome : null)
            {
                case TaskOutcome.Succeeded: succeeded++; break;
                case TaskOutcome.Skipped: skipped++; break;
                case TaskOutcome.Failed or TaskOutcome.Cancelled: failed++; break;
            }
        }

        return TriggerRules.Evaluate(child.Trigger, child.DependsOn.Length, succeeded, failed, skipped);
    }
}
