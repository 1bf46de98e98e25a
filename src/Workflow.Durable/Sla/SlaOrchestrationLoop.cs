using System.Text.Json;
using Workflow.Sla;

namespace Workflow.Durable.Sla;

/// <summary>
/// The Durable shell of the SLA monitor decider (the monitor pattern): it waits for whichever comes first, an
/// event from its run or one of its own durable timers, feeds it to the decider, publishes the alerts it raises
/// or clears through an activity, and continues as new every so often to keep its history short.
/// </summary>
public static class SlaOrchestrationLoop
{
    /// <summary>Returns true when the monitor completed, false after it called continue-as-new.</summary>
    public static async Task<bool> RunAsync(IOrchestrationPort port, SlaMonitorInput input, SlaLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(input);
        options ??= new SlaLoopOptions();
        var timers = new List<(string Id, DateTimeOffset DueAt, Task Task, CancellationTokenSource Cancel)>();
        var state = SlaMonitorState.Initial;
        var generation = 0;
        var completed = false;

        void Carry(IReadOnlyList<SlaCommand> commands)
        {
            foreach (var command in commands)
            {
                switch (command)
                {
                    case StartMonitorTimer start:
                        CancelTimer(start.TimerId);
                        var cancel = new CancellationTokenSource();
                        timers.Add((start.TimerId, start.DueAt, port.CreateTimer(start.DueAt, cancel.Token), cancel));
                        break;
                    case CancelMonitorTimer stop:
                        // No history event: a cancelled durable timer's task just never wins the wait, before or
                        // after a replay.
                        CancelTimer(stop.TimerId);
                        break;
                    case RaiseAlert raise:
                        _ = port.CallActivityAsync<bool>(OrchestrationNames.PublishAlertActivity, new AlertInput(raise.Alert));
                        break;
                    case ClearAlert clear:
                        _ = port.CallActivityAsync<bool>(OrchestrationNames.PublishAlertActivity,
                            AlertInput.Of(clear));
                        break;
                    case MonitorCompleted:
                        completed = true;
                        break;
                }
            }
        }

        void CancelTimer(string id)
        {
            var index = timers.FindIndex(t => t.Id == id);
            if (index >= 0)
            {
                timers[index].Cancel.Cancel();
                timers.RemoveAt(index);
            }
        }

        void Apply(SlaEvent @event)
        {
            var decision = SlaMonitorDecider.Decide(state, @event);
            state = decision.State;
            Carry(decision.Commands);
        }

        if (input.Snapshot is { } snapshot)
        {
            generation = snapshot.Generation;
            state = snapshot.State.Deserialize<SlaMonitorState>() ?? SlaMonitorState.Initial;
            foreach (var timer in snapshot.Timers)
            {
                Carry([new StartMonitorTimer(timer.TimerId, timer.DueAt)]);
            }
        }
        else if (input.Start is { } start)
        {
            Apply(start with { At = port.CurrentUtcDateTime });
        }

        var events = 0;
        while (!completed)
        {
            if (options.MaxEventsPerGeneration > 0 && events >= options.MaxEventsPerGeneration)
            {
                var pending = timers.Select(t => new PendingTimer(t.Id, t.DueAt)).ToList();
                foreach (var timer in timers)
                {
                    timer.Cancel.Cancel();
                }

                port.ContinueAsNew(new SlaMonitorInput(Snapshot: new SlaSnapshot(generation + 1,
                    JsonSerializer.SerializeToElement(state), pending)));
                return false;
            }

            using var waitCancel = new CancellationTokenSource();
            var wait = port.WaitForExternalEvent<SlaEventEnvelope>(OrchestrationNames.SlaEvent, waitCancel.Token);
            var winner = await port.WhenAny([wait, .. timers.Select(t => t.Task)]);
            if (winner == wait)
            {
                Apply((await wait).Event);
            }
            else
            {
                waitCancel.Cancel();
                var index = timers.FindIndex(t => t.Task == winner);
                var fired = timers[index];
                timers.RemoveAt(index);
                Apply(new MonitorTimerFired(port.CurrentUtcDateTime, fired.Id));
            }

            events++;
        }

        foreach (var timer in timers)
        {
            timer.Cancel.Cancel();
        }

        return true;
    }
}
