namespace Workflow.Execution;

/// <summary>The run's end: its status from its tasks', the notification, and <see cref="CompleteRun"/>.</summary>
internal static class RunCompletion
{
    /// <summary>
    /// A run ends once every task is final: failed if any task failed, else cancelled if any task was
    /// cancelled, else succeeded. Skipped tasks do not fail a run.
    /// </summary>
    public static void CompleteIfDone(RunStep step)
    {
        if (step.State.Status != RunStatus.Running || step.State.UnfinishedTasks > 0)
        {
            return;
        }

        var failed = step.State.Tasks.Where(t => t.Status == TaskStatus.Failed).Select(t => t.Id).ToList();
        var cancelled = step.State.Tasks.Any(t => t.Status == TaskStatus.Cancelled);
        var status = failed.Count > 0 ? RunStatus.Failed : cancelled ? RunStatus.Cancelled : RunStatus.Succeeded;
        var detail = failed.Count > 0
            ? $"{failed.Count} task(s) failed: {string.Join(", ", failed.Take(5).Select(f => $"'{f}'"))}" +
              (failed.Count > 5 ? ", ..." : "")
            : null;
        Complete(step, status, detail);
    }

    public static void Complete(RunStep step, RunStatus status, string? detail)
    {
        step.State.Status = status;
        step.State.CompletedAt = step.At;
        var summary = Summarize(step.State);
        var counts = $"{summary.Succeeded} succeeded, {summary.Failed} failed, {summary.Skipped} skipped, " +
            $"{summary.Cancelled} cancelled of {summary.Total}";
        var (kind, verb) = status switch
        {
            RunStatus.Succeeded => (NotificationKind.RunSucceeded, "succeeded"),
            RunStatus.Cancelled => (NotificationKind.RunCancelled, "was cancelled"),
            _ => (NotificationKind.RunFailed, "failed"),
        };
        var message = $"Run '{step.State.RunId}' {verb} ({counts})" + (detail is null ? "." : $": {detail}.");
        step.Notify(kind, message);
        step.Emit(new CompleteRun(status, summary));
    }

    private static RunSummary Summarize(RunState state)
    {
        int succeeded = 0, failed = 0, skipped = 0, cancelled = 0;
        foreach (var task in state.Tasks)
        {
            switch (task.Status)
            {
                case TaskStatus.Succeeded: succeeded++; break;
                case TaskStatus.Failed: failed++; break;
                case TaskStatus.Skipped: skipped++; break;
                case TaskStatus.Cancelled: cancelled++; break;
            }
        }

        return new RunSummary(succeeded, failed, skipped, cancelled, state.Tasks.Count);
    }
}
