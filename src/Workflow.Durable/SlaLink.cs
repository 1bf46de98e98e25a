using Workflow.Durable.Sla;
using Workflow.Sla;

namespace Workflow.Durable;

/// <summary>
/// The run's line to its SLA monitor, which is an orchestration of its own: starting it, and telling it what
/// happened. A run without a monitor (none asked for, or its start failed) tells nobody.
/// </summary>
internal sealed class SlaLink(IOrchestrationPort port)
{
    /// <summary>The monitor's instance id; null when the run has none.</summary>
    public string? InstanceId { get; private set; }

    /// <summary>Takes over the monitor an earlier generation started.</summary>
    public void Attach(string? instanceId) => InstanceId = instanceId;

    /// <summary>
    /// Starts the SLA monitor beside the run (see <see cref="SlaMonitorStart"/>), and waits until it is scheduled,
    /// so that the events the run then sends it find it. It hears from the run through events and finishes on its
    /// own once told the run finished. A run whose monitor could not be started runs without one.
    /// </summary>
    public async Task StartAsync(string runId, MonitorStarted monitor)
    {
        var instanceId = OrchestrationNames.SlaInstanceId(runId);
        var starting = port.CallActivityAsync<bool>(OrchestrationNames.StartSlaMonitorActivity, new SlaMonitorStart(
            instanceId, SlaMonitorInput.FromStart(monitor with { RunId = runId, At = port.CurrentUtcDateTime })));
        await port.WhenAny([starting]);
        InstanceId = starting.IsCompletedSuccessfully ? instanceId : null;
    }

    /// <summary>Tells the run's SLA monitor, when it has one, what happened.</summary>
    public void Forward(SlaEvent @event)
    {
        if (InstanceId is not null)
        {
            port.SendEvent(InstanceId, OrchestrationNames.SlaEvent, new SlaEventEnvelope(@event));
        }
    }
}
