using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Workflow.Services;

namespace Workflow.Functions.Backfills;

/// <summary>
/// The <c>Backfill</c> orchestration: one <c>BackfillStep</c> activity per pass (it starts what may start, through
/// <c>DurableWorkflowService</c>), the progress as custom status, then a durable timer and ContinueAsNew with the
/// new state, so the history stays one pass long however many runs the backfill has.
/// </summary>
public sealed class BackfillOrchestrator
{
    [Function(BackfillNames.Orchestration)]
    public async Task<BackfillProgress?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = context.GetInput<BackfillState>()
            ?? throw new InvalidOperationException($"Backfill '{context.InstanceId}' was started without an input.");
        state = await context.CallActivityAsync<BackfillState>(BackfillNames.StepActivity, state);
        var progress = state.Progress;
        context.SetCustomStatus(progress);
        if (progress.Done)
        {
            return progress;
        }

        await context.CreateTimer(context.CurrentUtcDateTime + state.PollInterval, CancellationToken.None);
        context.ContinueAsNew(state);
        return null;
    }
}
