using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Workflow.Durable;

namespace Workflow.Functions.Orchestration;

/// <summary>The <c>PipelineRun</c> orchestrator: one instance per run, instance id from <see cref="InstanceIds"/>.</summary>
public sealed class PipelineRunOrchestrator(IOptions<RunLoopOptions> options)
{
    [Function(OrchestrationNames.PipelineRun)]
    public Task<RunOutcome?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<PipelineRunInput>()
            ?? throw new InvalidOperationException($"Orchestration '{context.InstanceId}' was started without an input.");
        return RunOrchestrationLoop.RunAsync(new DurableOrchestrationPort(context), input, options.Value);
    }
}
