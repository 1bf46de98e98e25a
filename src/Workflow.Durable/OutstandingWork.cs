using System.Text.Json;
using Workflow.Execution;
using Workflow.Sla;

namespace Workflow.Durable;

/// <summary>
/// What one generation of a run waits on (activity attempts, child runs, decider timers, suspended attempts'
/// resume timers) and what it holds back for the next generation while it drains. It carries out the decider's
/// work commands through the port, and turns the piece of work that completed first back into a decider event.
/// A child run is asked for with the run's own group, which the child's resolution checks it against
/// (<see cref="Security.ChildPipelineAccess"/>).
/// </summary>
internal sealed class OutstandingWork(IOrchestrationPort port, SlaLink sla, string runId, string pipelineId,
    string? ownerGroup)
{
    private readonly List<Outstanding> outstanding = [];
    private readonly List<HeldWork> held = [];
    private readonly List<PendingTimer> heldTimers = [];

    /// <summary>Attempts and child runs outstanding, and suspended attempts waiting to resume.</summary>
    public int InFlightCount => outstanding.Count(o => o.Kind != OutstandingKind.Timer);

    public int HeldCount => held.Count;

    /// <summary>Whether work is outstanding whose result continue-as-new would lose.</summary>
    public bool AnyInFlight => outstanding.Exists(o => o.InFlight);

    /// <summary>The tasks to wait on, in the order they were started.</summary>
    public IEnumerable<Task> Tasks => outstanding.Select(o => o.Task);

    /// <summary>Keeps new work for the next generation, while this one drains.</summary>
    public void Hold(RunCommand command) => held.Add(new HeldWork(command, port.CurrentUtcDateTime));

    /// <summary>Keeps the timeout racing held work; it starts counting again when that work is dispatched.</summary>
    public void Hold(StartTimer timer) =>
        heldTimers.Add(new PendingTimer(timer.TimerId, timer.DueAt, port.CurrentUtcDateTime));

    public void Dispatch(RunTask run, JsonElement? resumeState = null)
    {
        var task = port.CallActivityAsync<TaskActivityResult>(
            OrchestrationNames.RunTaskActivity, new TaskActivityInput(runId, pipelineId, run, resumeState));
        outstanding.Add(new Outstanding(task, OutstandingKind.Activity, run.TaskKey, run.Attempt, Command: run));
        if (resumeState is null)
        {
            sla.Forward(new TaskStarted(port.CurrentUtcDateTime, run.TaskKey, run.Attempt));
        }
    }

    /// <summary>A suspended attempt waits on a durable timer, holding no worker, and then runs again.</summary>
    public void Suspend(RunTask run, DateTimeOffset resumeAt, JsonElement? state)
    {
        var cancellation = new CancellationTokenSource();
        var timer = port.CreateTimer(resumeAt, cancellation.Token);
        outstanding.Add(new Outstanding(timer, OutstandingKind.Resume, run.TaskKey, run.Attempt,
            TimerCancellation: cancellation, DueAt: resumeAt, Command: run, ResumeState: state));
    }

    public void Dispatch(StartChildRun child)
    {
        var request = new RunRequest(child.ChildRunId, child.PipelineId, Services.RunTrigger.Parent,
            port.CurrentUtcDateTime, child.Parameters, runId, ParentGroup: ownerGroup);
        var task = port.CallSubOrchestratorAsync<RunOutcome>(
            OrchestrationNames.PipelineRun, InstanceIds.For(child.ChildRunId), PipelineRunInput.FromRequest(request));
        outstanding.Add(new Outstanding(task, OutstandingKind.ChildRun, child.TaskKey, child.Attempt, child.ChildRunId));
        sla.Forward(new TaskStarted(port.CurrentUtcDateTime, child.TaskKey, child.Attempt));
    }

    public void StartTimer(string timerId, DateTimeOffset dueAt)
    {
        var cancellation = new CancellationTokenSource();
        var task = port.CreateTimer(dueAt, cancellation.Token);
        outstanding.Add(new Outstanding(task, OutstandingKind.Timer, timerId, TimerCancellation: cancellation, DueAt: dueAt));
    }

    public void CancelTimer(string timerId)
    {
        heldTimers.RemoveAll(t => t.TimerId == timerId);
        var index = outstanding.FindIndex(o => o.Kind == OutstandingKind.Timer && o.Key == timerId);
        if (index >= 0)
        {
            var timer = outstanding[index];
            outstanding.RemoveAt(index);
            timer.TimerCancellation!.Cancel();
        }
    }

    /// <summary>
    /// Durable cannot stop a running activity: the loop stops waiting for it and ignores its result (the decider
    /// has already settled the attempt, and ignores stale outcomes anyway). A child run is also asked to cancel.
    /// </summary>
    public void CancelTask(CancelTask cancel)
    {
        held.RemoveAll(h => h.Command is RunTask t && t.TaskKey == cancel.TaskKey && t.Attempt == cancel.Attempt
            || h.Command is StartChildRun c && c.TaskKey == cancel.TaskKey && c.Attempt == cancel.Attempt);
        var index = outstanding.FindIndex(o => o.Kind != OutstandingKind.Timer && o.Key == cancel.TaskKey
            && o.Attempt == cancel.Attempt);
        if (index < 0)
        {
            return;
        }

        var work = outstanding[index];
        outstanding.RemoveAt(index);
        work.TimerCancellation?.Cancel();
        sla.Forward(new TaskFinished(port.CurrentUtcDateTime, work.Key, work.Attempt, TaskOutcome.Cancelled));
        if (work.Kind == OutstandingKind.ChildRun)
        {
            port.SendEvent(InstanceIds.For(work.ChildRunId!), OrchestrationNames.CancelEvent,
                new CancelRunRequest(Reason: $"The parent run '{runId}' cancelled task '{cancel.TaskKey}'."));
        }
    }

    /// <summary>
    /// Maps a completed task back to the decider event it stands for; null for one to ignore (not ours, a
    /// cancelled timer, a resume that dispatched its attempt again, an attempt that suspended itself).
    /// </summary>
    public async Task<RunEvent?> TakeEventAsync(Task winner)
    {
        var index = outstanding.FindIndex(o => o.Task == winner);
        if (index < 0)
        {
            return null;
        }

        var item = outstanding[index];
        outstanding.RemoveAt(index);
        var now = port.CurrentUtcDateTime;
        switch (item.Kind)
        {
            case OutstandingKind.Timer:
                return winner.IsCanceled ? null : new TimerFired(now, item.Key);
            case OutstandingKind.Resume:
                if (!winner.IsCanceled)
                {
                    Dispatch(item.Command!, item.ResumeState);
                }

                return null;
        }

        if (item.Kind == OutstandingKind.Activity && winner.IsCompletedSuccessfully
            && await (Task<TaskActivityResult>)winner is { ResumeAt: { } resumeAt } suspended)
        {
            Suspend(item.Command!, resumeAt, suspended.ResumeState);
            return null;
        }

        var result = await WorkOutcomes.ToEventAsync(item, winner, now);
        var succeeded = result is TaskSucceeded or ChildRunCompleted { Status: RunStatus.Succeeded };
        sla.Forward(new TaskFinished(now, item.Key, item.Attempt,
            succeeded ? TaskOutcome.Succeeded : TaskOutcome.Failed));
        return result;
    }

    /// <summary>
    /// Durable completes an orchestration only once none of its tasks is outstanding, so a finished run cancels its
    /// timers before it returns. An activity it stopped waiting for (a timed-out or cancelled attempt) cannot be
    /// cancelled: the instance completes when that activity returns, while the run's status already shows how it
    /// ended.
    /// </summary>
    public void StopWaiting()
    {
        foreach (var timer in outstanding.Where(o => o.TimerCancellation is not null))
        {
            timer.TimerCancellation!.Cancel();
        }

        outstanding.Clear();
    }

    /// <summary>
    /// Called only when nothing but timers is outstanding: what the next generation takes over. Timers are carried
    /// as instants (to be created again) and cancelled here; held work and suspended attempts are carried as held.
    /// </summary>
    public (List<PendingTimer> Timers, List<HeldWork> Held) HandOver()
    {
        var timers = outstanding.Where(o => o.Kind == OutstandingKind.Timer)
            .Select(o => new PendingTimer(o.Key, o.DueAt))
            .Concat(heldTimers)
            .ToList();
        foreach (var timer in outstanding)
        {
            timer.TimerCancellation?.Cancel();
        }

        var suspended = outstanding.Where(o => o.Kind == OutstandingKind.Resume)
            .Select(o => new HeldWork(o.Command!, port.CurrentUtcDateTime, o.DueAt, o.ResumeState));
        return (timers, [.. held, .. suspended]);
    }

    /// <summary>Takes over what an earlier generation handed over; held work is dispatched first thing.</summary>
    public void TakeOver(RunSnapshot snapshot)
    {
        var now = port.CurrentUtcDateTime;
        foreach (var timer in snapshot.Timers)
        {
            var dueAt = timer.HeldAt is { } heldAt && now > heldAt ? timer.DueAt + (now - heldAt) : timer.DueAt;
            StartTimer(timer.TimerId, dueAt);
        }

        foreach (var work in snapshot.Held)
        {
            if (work.Command is RunTask suspended && work.ResumeAt is { } resumeAt)
            {
                Suspend(suspended, resumeAt, work.ResumeState);
            }
            else if (work.Command is RunTask run)
            {
                Dispatch(run);
            }
            else if (work.Command is StartChildRun child)
            {
                Dispatch(child);
            }
        }
    }
}
