using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflow.Execution;
using Workflow.Functions.Services;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Functions.Backfills;

/// <summary>
/// One pass of a backfill: reads the status of its started runs, then applies <see cref="BackfillAdvance"/> (the
/// rule the embedded host's start gate uses) and starts runs through <see cref="IWorkflowService.StartRunAsync"/>
/// with the scheduler's run ids, so a pass repeated by Durable starts nothing twice.
/// </summary>
public sealed class BackfillStepActivity(IWorkflowService workflow, DurableClientHolder durable)
{
    [Function(BackfillNames.StepActivity)]
    public async Task<BackfillState> RunAsync([ActivityTrigger] BackfillState state,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        durable.Client = client;
        var runs = new List<BackfillEntry>();
        foreach (var run in state.Runs)
        {
            var open = run.State is BackfillRunStates.Started or BackfillRunStates.Existing &&
                       (run.Status is null || run.Status.Value.IsActive());
            runs.Add(open ? run with { Status = (await workflow.GetRunAsync(run.RunId, cancellationToken))?.Run.Status } : run);
        }

        var own = runs.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        var others = new List<string>();
        foreach (var status in RunStatuses.Active)
        {
            var page = await workflow.ListRunsAsync(new RunQuery(state.PipelineId, status, Limit: 500), cancellationToken);
            others.AddRange(page.Items.Select(r => r.RunId).Where(id => !own.Contains(id)));
        }

        var pipeline = await workflow.GetPipelineAsync(state.PipelineId, null, cancellationToken);
        var policy = state.Overlap ?? pipeline?.Definition.Concurrency.Overlap ?? OverlapPolicy.Allow;
        var move = BackfillAdvance.Next([.. runs.Select(r => new BackfillSlot(r.RunId, r.LogicalTime,
            r.State == BackfillRunStates.Waiting, r.Status is { } s && s.IsActive()))],
            state.MaxActiveRuns, policy, others.Count);
        if (move.CancelOthers)
        {
            foreach (var other in others)
            {
                await workflow.CancelRunAsync(other, state.Actor, $"superseded by {state.BackfillId}", cancellationToken);
            }
        }

        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            if (move.Skip.Contains(run.RunId))
            {
                runs[i] = run with { State = BackfillRunStates.Skipped };
            }
            else if (move.Start.Contains(run.RunId))
            {
                runs[i] = await StartAsync(state, run, cancellationToken);
            }
        }

        return state with { Runs = runs };
    }

    private async Task<BackfillEntry> StartAsync(BackfillState state, BackfillEntry run, CancellationToken ct)
    {
        var existed = await workflow.GetRunAsync(run.RunId, ct) is not null;
        try
        {
            var started = await workflow.StartRunAsync(new StartRunRequest(state.PipelineId, state.Trigger,
                state.Actor, state.Parameters, run.RunId,
                state.Trigger == RunTrigger.Backfill ? run.LogicalTime : null, Overlap: OverlapPolicy.Allow), ct);
            return run with
            {
                State = existed ? BackfillRunStates.Existing : BackfillRunStates.Started,
                Status = started.Status,
            };
        }
        catch (ServiceException)
        {
            return run with { State = BackfillRunStates.Skipped };
        }
    }
}
