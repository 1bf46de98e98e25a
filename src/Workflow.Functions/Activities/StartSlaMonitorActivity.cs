using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Durable;
using Workflow.Durable.Sla;

namespace Workflow.Functions.Activities;

/// <summary>
/// Starts a run's SLA monitor as an orchestration of its own (see <see cref="SlaMonitorStart"/> for why not as a
/// sub-orchestration). Activities run at least once: a second delivery finds the instance and starts nothing.
/// </summary>
public sealed class StartSlaMonitorActivity
{
    [Function(OrchestrationNames.StartSlaMonitorActivity)]
    public async Task<bool> RunAsync([ActivityTrigger] SlaMonitorStart start, [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(client);
        if (await client.GetInstanceAsync(start.InstanceId, cancellationToken) is not null)
        {
            return false;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.SlaMonitor, start.Input,
            new StartOrchestrationOptions(start.InstanceId), cancellationToken);
        return true;
    }
}
