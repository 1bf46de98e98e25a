using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Workflow.Functions.Services;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Functions.Backfills;

/// <summary>
/// <see cref="IBackfillService"/> for the Azure host: the plan (the core's <see cref="BackfillPlanner"/>) becomes the
/// input of a <c>Backfill</c> orchestration with instance id <c>backfill:{pipeline}:{id}</c>; progress is read from
/// that instance (its custom status, then its output once done).
/// </summary>
public sealed class DurableBackfillService(DurableClientHolder durable, IWorkflowService workflow, TimeProvider time,
    IOptions<BackfillOptions> options) : IBackfillService
{
    public async ValueTask<BackfillRecord> StartAsync(BackfillRequest request, CancellationToken cancellationToken)
    {
        var plan = await BackfillPlanner.PlanAsync(workflow, request, options.Value.MaxRuns, cancellationToken);
        var now = time.GetUtcNow();
        var state = new BackfillState(BackfillPlanner.NewId(now), request.PipelineId, plan.ScheduleName, request.From, request.To,
            request.MaxActiveRuns, request.Overlap, plan.Schedule.Parameters, request.Actor, now, RunTrigger.Backfill,
            options.Value.PollInterval,
            [.. plan.Runs.Select(r => new BackfillEntry(r.RunId, r.LogicalTime, BackfillRunStates.Waiting))]);
        await durable.Client.ScheduleNewOrchestrationInstanceAsync(BackfillNames.Orchestration, state,
            new StartOrchestrationOptions(BackfillNames.InstanceId(state.PipelineId, state.BackfillId)),
            cancellationToken);
        return state.Record();
    }

    public async ValueTask<BackfillRecord?> GetAsync(string pipelineId, string backfillId,
        CancellationToken cancellationToken)
    {
        var instance = await durable.Client.GetInstanceAsync(BackfillNames.InstanceId(pipelineId, backfillId),
            getInputsAndOutputs: true, cancellationToken);
        if (instance?.ReadInputAs<BackfillState>() is not { } state)
        {
            return null;
        }

        if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed)
        {
            throw new InvalidOperationException($"Backfill '{backfillId}' failed: " +
                                                $"{instance.FailureDetails?.ErrorType}: {instance.FailureDetails?.ErrorMessage}");
        }

        var progress = instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed
            ? instance.ReadOutputAs<BackfillProgress>()
            : null;
        progress ??= instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<BackfillProgress>();
        return state.Record() with { Progress = progress ?? state.Progress };
    }
}
