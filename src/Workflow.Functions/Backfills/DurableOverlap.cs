using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Functions.Backfills;

/// <summary>
/// The Azure host's side of <see cref="Overlap"/> for manual and API starts: <c>skip</c> refuses (409), <c>queue</c>
/// hands the run to a <c>Backfill</c> orchestration of one run that starts it once the pipeline's other runs have
/// ended, <c>cancel-previous</c> cancels them first. Unlike the embedded host, two triggers in the same instant on
/// two Functions instances can both see "nothing active": there is no lock across instances.
/// </summary>
internal static class DurableOverlap
{
    /// <summary>Null: go on and start. Otherwise the queued run's record.</summary>
    public static async Task<RunRecord?> AdmitAsync(IWorkflowService workflow, DurableTaskClient client,
        StartRunRequest request, PipelineRecord pipeline, string runId, DateTimeOffset now, CancellationToken ct)
    {
        if (!Overlap.GovernsStart(request.Trigger))
        {
            return null;
        }

        var policy = request.Overlap ?? pipeline.Definition.Concurrency.Overlap;
        var active = new List<string>();
        foreach (var status in policy == OverlapPolicy.Allow ? [] : RunStatuses.Active)
        {
            var page = await workflow.ListRunsAsync(new RunQuery(pipeline.Definition.Id, status, Limit: 500), ct);
            active.AddRange(page.Items.Select(r => r.RunId).Where(id => id != runId));
        }

        switch (Overlap.Decide(policy, active.Count))
        {
            case OverlapAction.Skip:
                throw new ConflictException(Overlap.SkippedMessage(pipeline.Definition.Id, active));
            case OverlapAction.CancelPreviousThenStart:
                foreach (var previous in active)
                {
                    await workflow.CancelRunAsync(previous, request.Actor, $"superseded by {runId}", ct);
                }

                return null;
            case OverlapAction.Queue:
                var state = new BackfillState(BackfillPlanner.NewId(now), pipeline.Definition.Id, "queued", now, now, 1,
                    OverlapPolicy.Queue, request.Parameters, request.Actor, now, request.Trigger,
                    TimeSpan.FromSeconds(5), [new BackfillEntry(runId, now, BackfillRunStates.Waiting)]);
                await client.ScheduleNewOrchestrationInstanceAsync(BackfillNames.Orchestration, state,
                    new StartOrchestrationOptions(BackfillNames.InstanceId(state.PipelineId, state.BackfillId)), ct);
                return new RunRecord(runId, pipeline.Definition.Id, pipeline.Version, pipeline.Definition.OwnerGroup,
                    RunStatus.Queued, request.Trigger, now, now, null, null, null, request.Parameters);
            default:
                return null;
        }
    }
}
