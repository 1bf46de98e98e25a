using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Workflow.Durable;
using Workflow.Durable.Sla;

namespace Workflow.Functions.Orchestration;

/// <summary>The <c>SlaMonitor</c> orchestrator: the monitor pattern beside each run that has one.</summary>
public sealed class SlaMonitorOrchestrator(IOptions<SlaLoopOptions> options)
{
    [Function(OrchestrationNames.SlaMonitor)]
    public Task<bool> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<SlaMonitorInput>()
            ?? throw new InvalidOperationException($"Orchestration '{context.InstanceId}' was started without an input.");
        return SlaOrchestrationLoop.RunAsync(new DurableOrchestrationPort(context), input, options.Value);
    }
}
