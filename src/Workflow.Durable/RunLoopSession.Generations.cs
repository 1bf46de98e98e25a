using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Sla;

namespace Workflow.Durable;

/// <summary>Starting a generation from a start event, a request or a snapshot, and handing over to the next one.</summary>
internal sealed partial class RunLoopSession
{
    /// <summary>Returns false when the run ended before the loop began (a request that could not be resolved).</summary>
    private async Task<bool> StartAsync(PipelineRunInput input)
    {
        if (input.Snapshot is { } snapshot)
        {
            Restore(snapshot);
            return true;
        }

        var start = input.Start;
        if (start is null)
        {
            var request = input.Request
                ?? throw new InvalidOperationException("A PipelineRun input needs 'start', 'request' or 'snapshot'.");
            runId = request.RunId;
            pipelineId = request.PipelineId;
            // Every wait goes through the port's WhenAny: that is where a port decides what completes next.
            var resolving = port.CallActivityAsync<RunResolution>(OrchestrationNames.ResolveRunActivity, request);
            await port.WhenAny([resolving]);
            var resolution = await resolving;
            if (resolution.Start is null)
            {
                outcome = new RunOutcome(runId, RunStatus.Failed, new RunSummary(0, 0, 0, 0, 0));
                var error = resolution.Error ?? $"Pipeline '{pipelineId}' could not be loaded.";
                state = RunDecider.Initial;
                Publish(new Notify(NotificationKind.RunFailed, port.CurrentUtcDateTime, error));
                port.SetCustomStatus(RunProgress.Failed(runId, error));
                return false;
            }

            start = resolution.Start with { At = port.CurrentUtcDateTime };
            input = input with { Monitor = resolution.Monitor ?? input.Monitor };
        }

        runId = start.RunId;
        pipelineId = start.Definition.Id;
        state = RunDecider.Initial;
        if (input.Monitor is { } monitor)
        {
            await StartMonitorAsync(monitor);
        }

        Apply(start);
        return true;
    }

    /// <summary>
    /// Starts the SLA monitor beside the run, as an orchestration of its own (see <see cref="SlaMonitorStart"/>), and
    /// waits until it is scheduled, so that the events the run then sends it find it. It hears from the run through
    /// events and finishes on its own once told the run finished. A run whose monitor could not be started runs
    /// without one.
    /// </summary>
    private async Task StartMonitorAsync(MonitorStarted monitor)
    {
        var instanceId = OrchestrationNames.SlaInstanceId(runId);
        var starting = port.CallActivityAsync<bool>(OrchestrationNames.StartSlaMonitorActivity, new SlaMonitorStart(
            instanceId, SlaMonitorInput.FromStart(monitor with { RunId = runId, At = port.CurrentUtcDateTime })));
        await port.WhenAny([starting]);
        slaInstanceId = starting.IsCompletedSuccessfully ? instanceId : null;
    }

    private void Restore(RunSnapshot snapshot)
    {
        runId = snapshot.RunId;
        pipelineId = snapshot.PipelineId;
        generation = snapshot.Generation;
        eventsProcessed = snapshot.EventsProcessed;
        slaInstanceId = snapshot.SlaInstanceId;
        state = RunStateCodec.Read(snapshot.State);
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

        port.SetCustomStatus(RunProgress.Of(state, generation, eventsProcessed, InFlightCount, held.Count));
    }

    /// <summary>
    /// Called only when nothing but timers is outstanding: timers are carried as instants and created again,
    /// held work is dispatched first thing in the next generation (a suspended attempt waits for its resume time
    /// again), and the cancel wait is dropped (the platform keeps an unprocessed cancel request for the next one).
    /// </summary>
    private void ContinueAsNew()
    {
        var timers = outstanding.Where(o => o.Kind == OutstandingKind.Timer)
            .Select(o => new PendingTimer(o.Key, o.DueAt))
            .Concat(heldTimers)
            .ToList();
        foreach (var timer in outstanding)
        {
            timer.TimerCancellation?.Cancel();
        }

        cancelWaitCancellation?.Cancel();
        var suspended = outstanding.Where(o => o.Kind == OutstandingKind.Resume)
            .Select(o => new HeldWork(o.Command!, port.CurrentUtcDateTime, o.DueAt, o.ResumeState));
        var snapshot = new RunSnapshot(runId, pipelineId, generation + 1, eventsProcessed, RunStateCodec.Write(state),
            timers, [.. held, .. suspended], slaInstanceId);
        port.ContinueAsNew(PipelineRunInput.FromSnapshot(snapshot));
    }
}
