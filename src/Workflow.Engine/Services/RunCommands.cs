using Workflow.Building;
using Workflow.Engine.Runtime;
using Workflow.Engine.Starts;
using Workflow.Execution;
using Workflow.Parameters;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>
/// The run commands of <see cref="WorkflowEngineService"/> that create or stop a run: start (through the overlap
/// admission), cancel (a queued start, or the run's decider), and rerun. Each is one write through the group-commit
/// writer, awaited until durable; a start plans its dispatch here, before the writer sees it.
/// </summary>
internal sealed class RunCommands(EngineRuntime engine, PipelineQueries pipelines, RunQueries runs,
    DurationHistory durations, OverlapAdmission admission)
{
    public async ValueTask<RunRecord> StartAsync(StartRunRequest request, CancellationToken cancellationToken)
    {
        if (request.RunId is { } existingId && await runs.GetAsync(existingId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = engine.Time.GetUtcNow();
        var logicalTime = request.ScheduledAt ?? now;
        var definition = await pipelines.ForRunAsync(request.PipelineId,
                             new PipelineContext(logicalTime, request.Parameters), cancellationToken)
                         ?? throw new NotFoundException(
                             $"Pipeline '{request.PipelineId}' does not exist. List pipelines to see the ids you can run.");
        var parameters = RunParameters.ResolveOrThrow(definition, request.Parameters);
        var runId = request.RunId ?? RunIds.NewManual(definition.Id, now);
        return await admission.StartAsync(request, definition, runId, now, async () =>
        {
            var expected = await durations.ExpectedAsync(definition.Id, cancellationToken);
            var op = new StartRunOp(await PlannedAsync(new RunCreation(runId, definition, request.Trigger,
                request.Actor, parameters, logicalTime, ParentRunId: request.ParentRunId,
                ExpectedDurations: expected.Count > 0 ? expected : null), cancellationToken));
            engine.Writer.Post(op);
            await op.Result.WaitAsync(cancellationToken);
            return await runs.GetAsync(runId, cancellationToken)
                   ?? throw new InvalidOperationException($"Run '{runId}' was started but cannot be read back.");
        }, cancellationToken);
    }

    public async ValueTask<bool> CancelAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken)
    {
        if (await admission.CancelAsync(runId, cancellationToken))
        {
            return true;
        }

        var op = new RunEventOp(runId, new CancelRequested(engine.Time.GetUtcNow(), null,
            reason ?? $"Cancelled by {actor}."));
        engine.Writer.Post(op);
        return await op.Result.WaitAsync(cancellationToken);
    }

    /// <summary>A new run that keeps what the run kept (see <see cref="RerunPlan"/>), or less from a chosen task.</summary>
    public async ValueTask<RunRecord> RerunAsync(string runId, string? fromTask, RerunVersion version, string actor,
        CancellationToken cancellationToken)
    {
        var original = await runs.GetAsync(runId, cancellationToken)
                       ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        var (pinned, target) = await RerunVersions.ResolveAsync(original, version, pipelines.GetAsync,
            cancellationToken);
        var final = await runs.SnapshotAsync(runId, cancellationToken)
                    ?? throw new ConflictException(
                        $"Run '{runId}' kept no final state to rerun from (the engine runs with Durable off).");
        var prior = RerunPlan.For(runId, CarryOver.From(final), pinned, target, fromTask);

        var newId = RunIds.NewRerun(original.PipelineId, engine.Time.GetUtcNow());
        var expected = await durations.ExpectedAsync(original.PipelineId, cancellationToken);
        var op = new StartRunOp(await PlannedAsync(new RunCreation(newId, target.Definition, RunTrigger.Rerun, actor,
            original.Parameters, original.LogicalTime, RerunOf: runId, PriorResults: prior, ExpectedDurations: expected),
            cancellationToken));
        engine.Writer.Post(op);
        await op.Result.WaitAsync(cancellationToken);
        return await runs.GetAsync(newId, cancellationToken)
               ?? throw new InvalidOperationException($"Run '{newId}' was started but cannot be read back.");
    }

    /// <summary>
    /// The creation with its dispatch keys, and those of the stored pipelines its sub-pipeline tasks start, planned on
    /// this thread, so the writer only applies them (<see cref="RunCreation.Planned"/>, <see cref="ChildPlans"/>).
    /// </summary>
    private async ValueTask<RunCreation> PlannedAsync(RunCreation creation, CancellationToken cancellationToken)
    {
        await engine.ChildPlans.PrepareAsync(creation.Definition, async (id, ct) =>
            await pipelines.GetAsync(id, null, ct) is { IsDynamic: false } stored ? stored.Definition : null,
            cancellationToken);
        return creation.Planned();
    }
}
