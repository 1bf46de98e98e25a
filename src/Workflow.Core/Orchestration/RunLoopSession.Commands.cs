using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Orchestration;

/// <summary>Carrying out the decider's commands through the port.</summary>
internal sealed partial class RunLoopSession
{
    private void Carry(IReadOnlyList<RunCommand> commands)
    {
        // While draining, new work is held for the next generation, together with the timeouts that race it.
        var holding = draining
            ? commands.OfType<RunTask>().Select(c => c.TaskKey).ToHashSet(StringComparer.Ordinal)
            : null;
        foreach (var command in commands)
        {
            switch (command)
            {
                case RunTask or StartChildRun when draining:
                    held.Add(new HeldWork(command, port.CurrentUtcDateTime));
                    break;
                case RunTask run:
                    Dispatch(run);
                    break;
                case StartChildRun child:
                    Dispatch(child);
                    break;
                case StartTimer { Purpose: TimerPurpose.Timeout } timer when holding?.Contains(timer.TaskKey ?? "") == true:
                    heldTimers.Add(new PendingTimer(timer.TimerId, timer.DueAt, port.CurrentUtcDateTime));
                    break;
                case StartTimer timer:
                    StartTimer(timer.TimerId, timer.DueAt);
                    break;
                case CancelTimer cancel:
                    CancelTimer(cancel.TimerId);
                    break;
                case CancelTask cancel:
                    CancelTask(cancel);
                    break;
                case Notify notify:
                    Publish(notify);
                    break;
                case CompleteRun complete:
                    outcome = new RunOutcome(runId, complete.Status, complete.Summary, Kept: CarryOver.From(state));
                    Forward(new RunFinished(port.CurrentUtcDateTime, complete.Status));
                    break;
                default:
                    throw new InvalidOperationException($"The run loop does not know the command '{command.GetType().Name}'.");
            }
        }
    }

    private void Dispatch(RunTask run, System.Text.Json.JsonElement? resumeState = null)
    {
        var task = port.CallActivityAsync<TaskActivityResult>(
            OrchestrationNames.RunTaskActivity, new TaskActivityInput(runId, pipelineId, run, resumeState));
        outstanding.Add(new Outstanding(task, OutstandingKind.Activity, run.TaskKey, run.Attempt, Command: run));
        if (resumeState is null)
        {
            Forward(new TaskStarted(port.CurrentUtcDateTime, run.TaskKey, run.Attempt));
        }
    }

    /// <summary>A suspended attempt waits on a durable timer, holding no worker, and then runs again.</summary>
    private void Suspend(RunTask run, DateTimeOffset resumeAt, System.Text.Json.JsonElement? state)
    {
        var cancellation = new CancellationTokenSource();
        var timer = port.CreateTimer(resumeAt, cancellation.Token);
        outstanding.Add(new Outstanding(timer, OutstandingKind.Resume, run.TaskKey, run.Attempt,
            TimerCancellation: cancellation, DueAt: resumeAt, Command: run, ResumeState: state));
    }

    private void Dispatch(StartChildRun child)
    {
        var request = new RunRequest(child.ChildRunId, child.PipelineId, Services.RunTrigger.Parent,
            port.CurrentUtcDateTime, child.Parameters, runId);
        var task = port.CallSubOrchestratorAsync<RunOutcome>(
            OrchestrationNames.PipelineRun, InstanceIds.For(child.ChildRunId), PipelineRunInput.FromRequest(request));
        outstanding.Add(new Outstanding(task, OutstandingKind.ChildRun, child.TaskKey, child.Attempt, child.ChildRunId));
        Forward(new TaskStarted(port.CurrentUtcDateTime, child.TaskKey, child.Attempt));
    }

    private void StartTimer(string timerId, DateTimeOffset dueAt)
    {
        var cancellation = new CancellationTokenSource();
        var task = port.CreateTimer(dueAt, cancellation.Token);
        outstanding.Add(new Outstanding(task, OutstandingKind.Timer, timerId, TimerCancellation: cancellation, DueAt: dueAt));
    }

    private void CancelTimer(string timerId)
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
    private void CancelTask(CancelTask cancel)
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
        Forward(new TaskFinished(port.CurrentUtcDateTime, work.Key, work.Attempt, TaskOutcome.Cancelled));
        if (work.Kind == OutstandingKind.ChildRun)
        {
            port.SendEvent(InstanceIds.For(work.ChildRunId!), OrchestrationNames.CancelEvent,
                new CancelRunRequest(Reason: $"The parent run '{runId}' cancelled task '{cancel.TaskKey}'."));
        }
    }

    private void Publish(Notify notify)
    {
        var ownerGroup = state.Definition?.OwnerGroup ?? "";
        _ = port.CallActivityAsync<bool>(OrchestrationNames.PublishNotificationActivity,
            new NotificationInput(runId, pipelineId, ownerGroup, notify));
        Forward(new RunNotified(notify.At, notify.Kind, notify.Message, notify.TaskKey, notify.Attempt));
    }
}
