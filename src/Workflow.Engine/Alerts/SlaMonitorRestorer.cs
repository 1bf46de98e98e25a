using Workflow.Execution;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// Start-up: brings back the monitors of runs that were active when the host stopped or was killed. Each saved
/// monitor resumes with its decider state, open alerts and timers (timers that came due while the host was down
/// fire on the first round). Observations can be lost in a crash, since they are delivered after the engine's
/// commit, so the task attempts the store recorded as ended, and the run's notifications, are fed to the monitor;
/// a run that ended while its monitor was down is finished, and an active run without a saved monitor gets a new one.
/// </summary>
internal sealed class SlaMonitorRestorer(SlaMonitorSet monitors, SlaMonitorStore store, TimeProvider time)
{
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var restored in await store.LoadAsync(cancellationToken))
        {
            var saved = restored.Monitor;
            if (restored.Status is null)
            {
                monitors.Finished.Add(saved.RunId);
                continue;
            }

            var monitor = monitors.Resume(saved, time.GetUtcNow());
            await CatchUpAsync(saved.RunId, monitor, cancellationToken);
            if (restored.Status is not (RunStatus.Queued or RunStatus.Running) && monitors.TryGet(saved.RunId, out _))
            {
                await monitors.FeedAsync(saved.RunId, new RunFinished(restored.FinishedAt ?? time.GetUtcNow(),
                    restored.Status.Value));
            }
        }

        foreach (var (run, startedAt) in await store.UnmonitoredActiveRunsAsync(cancellationToken))
        {
            await monitors.StartAsync(run, startedAt);
            if (monitors.TryGet(run.RunId, out var monitor))
            {
                await CatchUpAsync(run.RunId, monitor, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Feeds the monitor what it missed, in the order it happened (an attempt's end before the notification it
    /// caused): the run decider's notifications, which the monitor skips where it applied them already, and the
    /// ends of attempts it still holds as running, and successes of tasks it never saw start. Failures it never saw
    /// are left out: the notification about them, not the attempt row, says whether they were final.
    /// </summary>
    private async Task CatchUpAsync(string runId, SlaMonitorRun monitor, CancellationToken cancellationToken)
    {
        var notified = await store.NotificationsAsync(runId, cancellationToken);
        var next = 0;
        foreach (var ended in await store.EndedAttemptsAsync(runId, cancellationToken))
        {
            while (next < notified.Count && notified[next].At < ended.FinishedAt)
            {
                await monitors.FeedAsync(runId, notified[next++]);
            }

            await CatchUpAttemptAsync(runId, monitor.State, ended);
        }

        while (next < notified.Count)
        {
            await monitors.FeedAsync(runId, notified[next++]);
        }
    }

    private async Task CatchUpAttemptAsync(string runId, SlaMonitorState state, EndedAttempt ended)
    {
        var outcome = ended.Succeeded ? TaskOutcome.Succeeded : TaskOutcome.Failed;
        if (state.Running.TryGetValue(ended.TaskKey, out var running) && running.Attempt == ended.Attempt)
        {
            await monitors.FeedAsync(runId, new TaskFinished(ended.FinishedAt, ended.TaskKey, ended.Attempt, outcome));
        }
        else if (ended.Succeeded && !state.Running.ContainsKey(ended.TaskKey) &&
                 state.Tasks.TryGetValue(TaskInstanceKey.TaskIdOf(ended.TaskKey), out var task) &&
                 task.Phase == TaskPhase.Pending)
        {
            await monitors.FeedAsync(runId, new TaskStarted(ended.StartedAt, ended.TaskKey, ended.Attempt));
            await monitors.FeedAsync(runId, new TaskFinished(ended.FinishedAt, ended.TaskKey, ended.Attempt, outcome));
        }
    }
}
