using Microsoft.Extensions.Logging;
using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Engine.Starts;

/// <summary>
/// Starts what waits once it may: the oldest queued start of a pipeline when none of its runs is active, and the
/// oldest waiting runs of each backfill while it has fewer than its <c>maxActiveRuns</c> running, each through the
/// <see cref="Overlap"/> rule against the pipeline's runs outside that backfill. Every start goes through
/// <see cref="IWorkflowService.StartRunAsync"/> with its deterministic id, so a pass repeated after a crash starts
/// nothing twice. One pass at a time.
/// </summary>
internal sealed class StartGate(IWorkflowService workflow, QueuedStartStore queued, BackfillStore backfills,
    ILogger<StartGate> logger)
{
    private readonly SemaphoreSlim _pass = new(1, 1);

    public async Task PassAsync(CancellationToken ct)
    {
        await _pass.WaitAsync(ct);
        try
        {
            foreach (var head in await queued.HeadsAsync(ct))
            {
                await StartQueuedAsync(head, ct);
            }

            foreach (var backfill in await backfills.UnfinishedAsync(ct))
            {
                await AdvanceAsync(backfill, ct);
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task StartQueuedAsync(QueuedStart head, CancellationToken ct)
    {
        if ((await queued.RunningAsync(head.PipelineId, ct)).Count > 0)
        {
            return;
        }

        await workflow.StartRunAsync(new StartRunRequest(head.PipelineId, head.Trigger, head.Actor, head.Parameters,
            head.RunId, Overlap: OverlapPolicy.Allow), ct);
        await queued.RemoveAsync(head.RunId, ct);
        Log.QueuedRunStarted(logger, head.RunId);
    }

    private async Task AdvanceAsync(BackfillRow backfill, CancellationToken ct)
    {
        var runs = await backfills.RunsAsync(backfill.BackfillId, ct);
        var own = runs.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        var pipeline = await workflow.GetPipelineAsync(backfill.PipelineId, null, ct);
        var policy = backfill.Overlap ?? pipeline?.Definition.Concurrency.Overlap ?? OverlapPolicy.Allow;
        var others = (await queued.RunningAsync(backfill.PipelineId, ct)).Where(id => !own.Contains(id)).ToList();
        var slots = runs.Select(r => new BackfillSlot(r.RunId, r.LogicalTime, r.State == BackfillStore.Waiting,
            r.RunStatus is { } status && EnumNames<RunStatus>.Parse(status).IsActive())).ToList();
        var move = BackfillAdvance.Next(slots, backfill.MaxActiveRuns, policy, others.Count);
        foreach (var skipped in move.Skip)
        {
            await backfills.SetStateAsync(backfill.BackfillId, skipped, BackfillStore.Skipped, ct);
        }

        if (move.CancelOthers)
        {
            foreach (var other in others)
            {
                await workflow.CancelRunAsync(other, backfill.CreatedBy, $"superseded by backfill {backfill.BackfillId}",
                    ct);
            }
        }

        foreach (var start in move.Start)
        {
            await StartAsync(backfill, runs.First(r => r.RunId == start), ct);
        }
    }

    private async Task StartAsync(BackfillRow backfill, BackfillRunState run, CancellationToken ct)
    {
        var existed = await workflow.GetRunAsync(run.RunId, ct) is not null;
        try
        {
            await workflow.StartRunAsync(new StartRunRequest(backfill.PipelineId, RunTrigger.Backfill,
                backfill.CreatedBy, backfill.Parameters, run.RunId, run.LogicalTime), ct);
        }
        catch (ServiceException ex)
        {
            // A pipeline deleted or changed so that the schedule's parameters no longer fit: this run cannot start.
            Log.BackfillRunRefused(logger, run.RunId, backfill.BackfillId, ex.Message);
            await backfills.SetStateAsync(backfill.BackfillId, run.RunId, BackfillStore.Skipped, ct);
            return;
        }

        await backfills.SetStateAsync(backfill.BackfillId, run.RunId,
            existed ? BackfillStore.Existing : BackfillStore.Started, ct);
    }
}
