using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Sla;

namespace Workflow.Durable;

/// <summary>
/// One generation of a run orchestration (see <see cref="RunOrchestrationLoop"/>): it starts from a start event, a
/// request or a snapshot, feeds the decider the event of whatever completes first, carries out its commands, and
/// ends with the run or hands over to the next generation. What it waits on is <see cref="OutstandingWork"/>; its
/// SLA monitor is behind <see cref="SlaLink"/>.
/// </summary>
internal sealed class RunLoopSession(IOrchestrationPort port, RunLoopOptions options)
{
    private readonly SlaLink sla = new(port);
    private OutstandingWork work = null!;
    private RunState state = null!;
    private string runId = "";
    private string pipelineId = "";
    private int generation;
    private long eventsProcessed;
    private int eventsThisGeneration;
    private bool draining;
    private RunOutcome? outcome;
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
            if (draining && !work.AnyInFlight)
            {
                ContinueAsNew();
                return null;
            }

            var waitList = new List<Task>(work.Tasks) { cancelWait! };
            var winner = await port.WhenAny(waitList);
            if (await TakeEventAsync(winner) is { } @event)
            {
                Apply(@event);
            }
        }

        // Durable completes an orchestration only once none of its tasks is outstanding.
        work.StopWaiting();
        cancelWaitCancellation?.Cancel();
        return outcome;
    }

    /// <summary>Returns false when the run ended before the loop began (a request that could not be resolved).</summary>
    private async Task<bool> StartAsync(PipelineRunInput input)
    {
        if (input.Snapshot is { } snapshot)
        {
            Restore(snapshot);
            return true;
        }

        var start = input.Start;
        var monitor = input.Monitor;
        if (start is null)
        {
            var request = input.Request
                ?? throw new InvalidOperationException("A PipelineRun input needs 'start', 'request' or 'snapshot'.");
            Identify(request.RunId, request.PipelineId, null);
            // Every wait goes through the port's WhenAny: that is where a port decides what completes next.
            var resolving = port.CallActivityAsync<RunResolution>(OrchestrationNames.ResolveRunActivity, request);
            await port.WhenAny([resolving]);
            var resolution = await resolving;
            if (resolution.Start is null)
            {
                var error = resolution.Error ?? $"Pipeline '{pipelineId}' could not be loaded.";
                outcome = new RunOutcome(runId, RunStatus.Failed, new RunSummary(0, 0, 0, 0, 0),
                    Error: resolution.Refused ? error : null);
                state = RunDecider.Initial;
                Publish(new Notify(NotificationKind.RunFailed, port.CurrentUtcDateTime, error));
                port.SetCustomStatus(RunProgress.Failed(runId, error));
                return false;
            }

            start = resolution.Start with { At = port.CurrentUtcDateTime };
            monitor = resolution.Monitor ?? monitor;
        }

        Identify(start.RunId, start.Definition.Id, start.Definition.OwnerGroup);
        state = RunDecider.Initial;
        if (monitor is not null)
        {
            await sla.StartAsync(runId, monitor);
        }

        Apply(start);
        return true;
    }

    private void Identify(string run, string pipeline, string? ownerGroup)
    {
        runId = run;
        pipelineId = pipeline;
        work = new OutstandingWork(port, sla, runId, pipelineId, ownerGroup);
    }

    private void Restore(RunSnapshot snapshot)
    {
        state = RunStateCodec.Read(snapshot.State);
        Identify(snapshot.RunId, snapshot.PipelineId, state.Definition?.OwnerGroup);
        generation = snapshot.Generation;
        eventsProcessed = snapshot.EventsProcessed;
        sla.Attach(snapshot.SlaInstanceId);
        work.TakeOver(snapshot);
        port.SetCustomStatus(RunProgress.Of(state, generation, eventsProcessed, work.InFlightCount, work.HeldCount));
    }

    /// <summary>
    /// Called only when nothing but timers is outstanding: timers are carried as instants and created again,
    /// held work is dispatched first thing in the next generation (a suspended attempt waits for its resume time
    /// again), and the cancel wait is dropped (the platform keeps an unprocessed cancel request for the next one).
    /// </summary>
    private void ContinueAsNew()
    {
        var (timers, held) = work.HandOver();
        cancelWaitCancellation?.Cancel();
        var snapshot = new RunSnapshot(runId, pipelineId, generation + 1, eventsProcessed, RunStateCodec.Write(state),
            timers, held, sla.InstanceId);
        port.ContinueAsNew(PipelineRunInput.FromSnapshot(snapshot));
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
        port.SetCustomStatus(RunProgress.Of(state, generation, eventsProcessed, work.InFlightCount, work.HeldCount));
    }

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
                    work.Hold(command);
                    break;
                case RunTask run:
                    work.Dispatch(run);
                    break;
                case StartChildRun child:
                    work.Dispatch(child);
                    break;
                case StartTimer { Purpose: TimerPurpose.Timeout } timer when holding?.Contains(timer.TaskKey ?? "") == true:
                    work.Hold(timer);
                    break;
                case StartTimer timer:
                    work.StartTimer(timer.TimerId, timer.DueAt);
                    break;
                case CancelTimer cancel:
                    work.CancelTimer(cancel.TimerId);
                    break;
                case CancelTask cancel:
                    work.CancelTask(cancel);
                    break;
                case Notify notify:
                    Publish(notify);
                    break;
                case CompleteRun complete:
                    outcome = new RunOutcome(runId, complete.Status, complete.Summary, Kept: CarryOver.From(state),
                        TaskEnds: TaskEnd.Of(state, complete.Status));
                    sla.Forward(new RunFinished(port.CurrentUtcDateTime, complete.Status));
                    break;
                default:
                    throw new InvalidOperationException($"The run loop does not know the command '{command.GetType().Name}'.");
            }
        }
    }

    /// <summary>Maps a completed task back to the decider event it stands for; null for one to ignore.</summary>
    private async Task<RunEvent?> TakeEventAsync(Task winner)
    {
        if (winner != cancelWait)
        {
            return await work.TakeEventAsync(winner);
        }

        var now = port.CurrentUtcDateTime;
        var request = winner.IsCompletedSuccessfully ? await cancelWait : new CancelRunRequest();
        ArmCancelWait();
        return new CancelRequested(now, request.TaskKey, request.Reason);
    }

    private void ArmCancelWait()
    {
        cancelWaitCancellation?.Dispose();
        cancelWaitCancellation = new CancellationTokenSource();
        cancelWait = port.WaitForExternalEvent<CancelRunRequest>(OrchestrationNames.CancelEvent, cancelWaitCancellation.Token);
    }

    private void Publish(Notify notify)
    {
        var ownerGroup = state.Definition?.OwnerGroup ?? "";
        _ = port.CallActivityAsync<bool>(OrchestrationNames.PublishNotificationActivity,
            new NotificationInput(runId, pipelineId, ownerGroup, notify));
        sla.Forward(new RunNotified(notify.At, notify.Kind, notify.Message, notify.TaskKey, notify.Attempt));
    }
}
