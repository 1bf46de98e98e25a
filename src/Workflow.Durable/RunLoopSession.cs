using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Durable;

/// <summary>The mutable part of one generation of a run orchestration; see <see cref="RunOrchestrationLoop"/>.</summary>
internal sealed partial class RunLoopSession(IOrchestrationPort port, RunLoopOptions options)
{
    private readonly List<Outstanding> outstanding = [];
    private readonly List<HeldWork> held = [];
    private readonly List<PendingTimer> heldTimers = [];
    private RunState state = null!;
    private string runId = "";
    private string pipelineId = "";
    private int generation;
    private long eventsProcessed;
    private int eventsThisGeneration;
    private bool draining;
    private RunOutcome? outcome;
    private string? slaInstanceId;
    private CancellationTokenSource? cancelWaitCancellation;
    private Task<CancelRunRequest>? cancelWait;

    public async Task<RunOutcome?> RunAsync(PipelineRunInput input)
    {
        if (!await StartAsync(input))
        {
            return outcome;
        }

        ArmCancelWait();
        while (outcome is null)
        {
            if (draining && !outstanding.Exists(o => o.InFlight))
            {
                ContinueAsNew();
                return null;
            }

            var waitList = new List<Task>(outstanding.Count + 1);
            waitList.AddRange(outstanding.Select(o => o.Task));
            waitList.Add(cancelWait!);
            var winner = await port.WhenAny(waitList);
            if (await TakeEventAsync(winner) is { } @event)
            {
                Apply(@event);
            }
        }

        Finish();
        return outcome;
    }

    /// <summary>Feeds one event to the decider and carries out what it decides.</summary>
    private void Apply(RunEvent @event)
    {
        var decision = RunDecider.Decide(state, @event);
        state = decision.State;
        eventsProcessed++;
        eventsThisGeneration++;
        if (options.MaxEventsPerGeneration > 0 && eventsThisGeneration >= options.MaxEventsPerGeneration)
        {
            draining = true;
        }

        Carry(decision.Commands);
        port.SetCustomStatus(RunProgress.Of(state, generation, eventsProcessed, InFlightCount, held.Count));
    }

    private int InFlightCount => outstanding.Count(o => o.Kind != OutstandingKind.Timer);

    /// <summary>Maps a completed task back to the decider event it stands for; null for one to ignore.</summary>
    private async Task<RunEvent?> TakeEventAsync(Task winner)
    {
        var now = port.CurrentUtcDateTime;
        if (winner == cancelWait)
        {
            var request = winner.IsCompletedSuccessfully ? await cancelWait : new CancelRunRequest();
            ArmCancelWait();
            return new CancelRequested(now, request.TaskKey, request.Reason);
        }

        var index = outstanding.FindIndex(o => o.Task == winner);
        if (index < 0)
        {
            return null;
        }

        var item = outstanding[index];
        outstanding.RemoveAt(index);
        if (item.Kind == OutstandingKind.Timer)
        {
            return winner.IsCanceled ? null : new TimerFired(now, item.Key);
        }

        if (item.Kind == OutstandingKind.Resume)
        {
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

        RunEvent result;
        if (!winner.IsCompletedSuccessfully)
        {
            var message = winner.Exception?.InnerException?.Message ?? "The work failed without a message.";
            result = item.Kind == OutstandingKind.Activity
                ? new TaskFailed(now, item.Key, item.Attempt, ErrorKinds.Handler, message)
                : new ChildRunCompleted(now, item.Key, item.Attempt, item.ChildRunId!, RunStatus.Failed, null);
        }
        else if (item.Kind == OutstandingKind.Activity)
        {
            result = (await (Task<TaskActivityResult>)winner).ToEvent(now, item.Key, item.Attempt);
        }
        else
        {
            var child = await (Task<RunOutcome>)winner;
            result = new ChildRunCompleted(now, item.Key, item.Attempt, item.ChildRunId!, child.Status, child.Output);
        }

        var succeeded = result is TaskSucceeded or ChildRunCompleted { Status: RunStatus.Succeeded };
        Forward(new TaskFinished(now, item.Key, item.Attempt,
            succeeded ? Workflow.Sla.TaskOutcome.Succeeded : Workflow.Sla.TaskOutcome.Failed));
        return result;
    }

    /// <summary>Tells the run's SLA monitor, when it has one, what happened.</summary>
    private void Forward(SlaEvent @event)
    {
        if (slaInstanceId is not null)
        {
            port.SendEvent(slaInstanceId, OrchestrationNames.SlaEvent, new SlaEventEnvelope(@event));
        }
    }

    private void ArmCancelWait()
    {
        cancelWaitCancellation?.Dispose();
        cancelWaitCancellation = new CancellationTokenSource();
        cancelWait = port.WaitForExternalEvent<CancelRunRequest>(OrchestrationNames.CancelEvent, cancelWaitCancellation.Token);
    }

    /// <summary>
    /// Durable completes an orchestration only once none of its tasks is outstanding, so a finished run cancels its
    /// timers and its wait for a cancel request before it returns. An activity it stopped waiting for (a timed-out
    /// or cancelled attempt) cannot be cancelled: the instance completes when that activity returns, while the run's
    /// status already shows how it ended.
    /// </summary>
    private void Finish()
    {
        foreach (var timer in outstanding.Where(o => o.TimerCancellation is not null))
        {
            timer.TimerCancellation!.Cancel();
        }

        outstanding.Clear();
        cancelWaitCancellation?.Cancel();
    }
}
