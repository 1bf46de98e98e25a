using Workflow.Execution;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Engine.Starts;

/// <summary>
/// The embedded host's side of <see cref="Overlap"/> for manual and API starts: counts the pipeline's active runs
/// (and queued starts), then starts, refuses (<c>skip</c>: a <see cref="ConflictException"/>, a 409),
/// queues the start as a row the start gate picks up, or cancels the earlier runs first. Admissions are taken one
/// at a time, so two triggers at once cannot both see "nothing active".
/// </summary>
internal sealed class OverlapAdmission(IWorkflowService workflow, QueuedStartStore queued)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async ValueTask<RunRecord> StartAsync(StartRunRequest request, PipelineDefinition definition, string runId,
        DateTimeOffset now, Func<ValueTask<RunRecord>> start, CancellationToken ct)
    {
        if (!Overlap.GovernsStart(request.Trigger))
        {
            return await start();
        }

        var policy = request.Overlap ?? definition.Concurrency.Overlap;
        await _one.WaitAsync(ct);
        try
        {
            var active = policy == OverlapPolicy.Allow ? [] : await queued.ActiveAsync(definition.Id, ct);
            switch (Overlap.Decide(policy, active.Count))
            {
                case OverlapAction.Skip:
                    throw new ConflictException(Overlap.SkippedMessage(definition.Id, active));
                case OverlapAction.Queue:
                    var waiting = new QueuedStart(runId, definition.Id, request.Trigger, request.Actor,
                        request.Parameters, now);
                    await queued.AddAsync(waiting, ct);
                    return Record(waiting, definition);
                case OverlapAction.CancelPreviousThenStart:
                    await queued.RemoveForPipelineAsync(definition.Id, ct);
                    foreach (var previous in active)
                    {
                        await workflow.CancelRunAsync(previous, request.Actor, $"superseded by {runId}", ct);
                    }

                    break;
            }

            return await start();
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>A queued start reads as a queued run with no tasks yet.</summary>
    public async ValueTask<RunDetail?> FindAsync(string runId, CancellationToken ct)
    {
        if (await queued.FindAsync(runId, ct) is not { } waiting ||
            await workflow.GetPipelineAsync(waiting.PipelineId, null, ct) is not { } pipeline)
        {
            return null;
        }

        return new RunDetail(Record(waiting, pipeline.Definition with { Version = pipeline.Version }), []);
    }

    /// <summary>Cancelling a queued start removes it; false when there is none.</summary>
    public async ValueTask<bool> CancelAsync(string runId, CancellationToken ct)
    {
        if (await queued.FindAsync(runId, ct) is null)
        {
            return false;
        }

        await queued.RemoveAsync(runId, ct);
        return true;
    }

    private static RunRecord Record(QueuedStart start, PipelineDefinition definition) =>
        new(start.RunId, start.PipelineId, definition.Version, definition.OwnerGroup, RunStatus.Queued, start.Trigger,
            start.CreatedAt, start.CreatedAt, null, null, null, start.Parameters);
}
