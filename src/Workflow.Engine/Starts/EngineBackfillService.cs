using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Engine.Starts;

/// <summary>
/// <see cref="IBackfillService"/> over SQLite: the plan (the core's <see cref="BackfillPlanner"/>) is stored as one
/// row per occurrence in one transaction, occurrences whose run already exists are marked so, and the start gate
/// starts the rest as slots open.
/// </summary>
internal sealed class EngineBackfillService(IWorkflowService workflow, BackfillStore store, StartGateSignal signal,
    TimeProvider time, IOptions<BackfillOptions> options, ILogger<EngineBackfillService> logger) : IBackfillService
{
    public async ValueTask<BackfillRecord> StartAsync(BackfillRequest request, CancellationToken cancellationToken)
    {
        var plan = await BackfillPlanner.PlanAsync(workflow, request, options.Value.MaxRuns, cancellationToken);
        var runs = new List<(BackfillRun, bool)>();
        foreach (var run in plan.Runs)
        {
            runs.Add((run, await workflow.GetRunAsync(run.RunId, cancellationToken) is not null));
        }

        var now = time.GetUtcNow();
        var row = new BackfillRow(BackfillPlanner.NewId(now), request.PipelineId, plan.ScheduleName, request.From, request.To,
            request.MaxActiveRuns, request.Overlap, plan.Schedule.Parameters, now, request.Actor);
        await store.AddAsync(row, runs, cancellationToken);
        Log.BackfillStarted(logger, row.BackfillId, row.PipelineId, runs.Count, row.Schedule,
            runs.Count(r => r.Item2));
        signal.Wake();
        return await GetAsync(request.PipelineId, row.BackfillId, cancellationToken)
               ?? throw new InvalidOperationException($"Backfill '{row.BackfillId}' was stored but cannot be read back.");
    }

    public async ValueTask<BackfillRecord?> GetAsync(string pipelineId, string backfillId,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(backfillId, cancellationToken) is not { } row || row.PipelineId != pipelineId)
        {
            return null;
        }

        var runs = await store.RunsAsync(backfillId, cancellationToken);
        return new BackfillRecord(row.BackfillId, row.PipelineId, row.Schedule, row.From, row.To, row.MaxActiveRuns,
            row.CreatedAt, row.CreatedBy, BackfillStore.Progress(runs));
    }
}
