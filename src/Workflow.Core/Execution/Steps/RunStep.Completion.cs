namespace Workflow.Execution;

internal sealed partial class RunStep
{
    /// <summary>
    /// A run ends once every task is final: failed if any task failed, else cancelled if any task was
    /// cancelled, else succeeded. Skipped tasks do not fail a run.
    /// </summary>
    private void CompleteIfDone()
    {
        if (_state.Status != RunStatus.Running || _state.UnfinishedTasks > 0)
        {
            return;
        }

        var failed = _state.Tasks.Where(t => t.Status == TaskStatus.Failed).Select(t => t.Id).ToList();
        var cancelled = _state.Tasks.Any(t => t.Status == TaskStatus.Cancelled);
        var status = failed.Count > 0 ? RunStatus.Failed : cancelled ? RunStatus.Cancelled : RunStatus.Succeeded;
        var detail = failed.Count > 0
            ? $"{failed.Count} task(s) failed: {string.Join(", ", failed.Take(5).Select(f => $"'{f}'"))}" +
              (failed.Count > 5 ? ", ..." : "")
            : null;
        Complete(status, detail);
    }

    private void Complete(RunStatus status, string? detail)
    {
        _state.Status = status;
        _state.CompletedAt = _at;
        var summary = Summarize();
        var counts = $"{summary.Succeeded} succeeded, {summary.Failed} failed, {summary.Skipped} skipped, " +
            $"{summary.Cancelled} cancelled of {summary.Total}";
        var (kind, verb) = status switch
        {
            RunStatus.Succeeded => (NotificationKind.RunSucceeded, "succeeded"),
            RunStatus.Cancelled => (NotificationKind.RunCancelled, "was cancelled"),
            _ => (NotificationKind.RunFailed, "failed"),
        };
        var message = $"Run '{_state.RunId}' {verb} ({counts})" + (detail is null ? "." : $": {detail}.");
        Notify(kind, message);
        Emit(new CompleteRun(status, summary));
    }

    private RunSummary Summarize()
    {
        int succeeded = 0, failed = 0, skipped = 0, cancelled = 0;
        foreach (var task in _state.Tasks)
        {
            switch (task.Status)
            {
                case TaskStatus.Succeeded: succeeded++; break;
                case TaskStatus.Failed: failed++; break;
                case TaskStatus.Skipped: skipped++; break;
                case TaskStatus.Cancelled: cancelled++; break;
            }
        }

        return new RunSummary(succeeded, failed, skipped, cancelled, _state.Tasks.Count);
    }
}
