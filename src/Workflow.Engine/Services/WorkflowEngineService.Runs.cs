using System.Globalization;
using Workflow.Building;
using Workflow.Engine.Runtime;
using Workflow.Engine.Starts;
using Workflow.Execution;
using Workflow.Parameters;
using Workflow.Services;

namespace Workflow.Engine.Services;

public sealed partial class WorkflowEngineService
{
    private static long _lastManualTicks;
    private OverlapAdmission? _admission;

    private OverlapAdmission Admission => LazyInitializer.EnsureInitialized(ref _admission,
        () => new OverlapAdmission(this, new QueuedStartStore(new StartsSql(_engine.Store, _engine.Writer))));

    public async ValueTask<RunRecord> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken)
    {
        if (request.RunId is { } existingId && await _runs.GetAsync(existingId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = _engine.Time.GetUtcNow();
        var logicalTime = request.ScheduledAt ?? now;
        var definition = await _pipelines.ForRunAsync(request.PipelineId,
                             new PipelineContext(logicalTime, request.Parameters), cancellationToken)
                         ?? throw new NotFoundException(
                             $"Pipeline '{request.PipelineId}' does not exist. List pipelines to see the ids you can run.");
        var parameters = RunParameters.ResolveOrThrow(definition, request.Parameters);
        var runId = request.RunId ?? $"{definition.Id}@manual-{SortableId(now)}";
        return await Admission.StartAsync(request, definition, runId, now, async () =>
        {
            var expected = await _durations.ExpectedAsync(definition.Id, cancellationToken);
            var op = new StartRunOp(new RunCreation(runId, definition, request.Trigger, request.Actor,
                parameters, logicalTime, ParentRunId: request.ParentRunId,
                ExpectedDurations: expected.Count > 0 ? expected : null));
            _engine.Writer.Post(op);
            await op.Result.WaitAsync(cancellationToken);
            return await _runs.GetAsync(runId, cancellationToken)
                   ?? throw new InvalidOperationException($"Run '{runId}' was started but cannot be read back.");
        }, cancellationToken);
    }

    public async ValueTask<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        await RunDetails.ReadAsync(_runs, _pipelines, runId, cancellationToken)
        ?? await Admission.FindAsync(runId, cancellationToken);

    public ValueTask<Page<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) =>
        _runs.ListAsync(query, cancellationToken);

    public async ValueTask<bool> CancelRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken)
    {
        if (await Admission.CancelAsync(runId, cancellationToken))
        {
            return true;
        }

        var op = new RunEventOp(runId, new CancelRequested(_engine.Time.GetUtcNow(), null,
            reason ?? $"Cancelled by {actor}."));
        _engine.Writer.Post(op);
        return await op.Result.WaitAsync(cancellationToken);
    }

    public ValueTask<bool> SuspendRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) =>
        new RunSuspensions(_engine, this).ChangeAsync(runId, suspend: true, actor, reason, cancellationToken);

    public ValueTask<bool> ResumeRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) =>
        new RunSuspensions(_engine, this).ChangeAsync(runId, suspend: false, actor, reason, cancellationToken);

    public ValueTask<RunRecord> RerunFailedAsync(string runId, RerunVersion version, string actor,
        CancellationToken cancellationToken) => RerunAsync(runId, null, version, actor, cancellationToken);

    public ValueTask<RunRecord> RerunFromTaskAsync(string runId, string fromTask, RerunVersion version, string actor,
        CancellationToken cancellationToken) => RerunAsync(runId, fromTask, version, actor, cancellationToken);

    /// <summary>A new run that keeps what the run kept (see <see cref="RerunPlan"/>), or less from a chosen task.</summary>
    private async ValueTask<RunRecord> RerunAsync(string runId, string? fromTask, RerunVersion version, string actor,
        CancellationToken cancellationToken)
    {
        var original = await _runs.GetAsync(runId, cancellationToken)
                       ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        if (original.Status.IsActive())
        {
            throw new ConflictException(
                $"Run '{runId}' is still {original.Status.ToString().ToLowerInvariant()}. Wait for it to finish, or cancel it, before rerunning it.");
        }

        var pinned = await _pipelines.GetAsync(original.PipelineId, original.PipelineVersion, cancellationToken)
                     ?? throw new NotFoundException(
                         $"Version {original.PipelineVersion} of pipeline '{original.PipelineId}' no longer exists.");
        var target = version == RerunVersion.Pinned ? pinned
            : await _pipelines.GetAsync(original.PipelineId, null, cancellationToken)
              ?? throw new NotFoundException($"Pipeline '{original.PipelineId}' no longer exists.");
        var final = await _runs.SnapshotAsync(runId, cancellationToken)
                    ?? throw new ConflictException(
                        $"Run '{runId}' kept no final state to rerun from (the engine runs with Durable off).");
        var prior = RerunPlan.For(runId, CarryOver.From(final), pinned, target, fromTask);

        var newId = $"{original.PipelineId}@rerun-{SortableId(_engine.Time.GetUtcNow())}";
        var expected = await _durations.ExpectedAsync(original.PipelineId, cancellationToken);
        var op = new StartRunOp(new RunCreation(newId, target.Definition, RunTrigger.Rerun, actor, original.Parameters,
            original.LogicalTime, RerunOf: runId, PriorResults: prior, ExpectedDurations: expected));
        _engine.Writer.Post(op);
        await op.Result.WaitAsync(cancellationToken);
        return await _runs.GetAsync(newId, cancellationToken)
               ?? throw new InvalidOperationException($"Run '{newId}' was started but cannot be read back.");
    }

    /// <summary>UTC time to the millisecond, made unique and increasing within the process.</summary>
    private static string SortableId(DateTimeOffset now)
    {
        long ticks;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastManualTicks);
            ticks = Math.Max(now.UtcTicks / TimeSpan.TicksPerMillisecond, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastManualTicks, ticks, last) != last);

        var instant = new DateTimeOffset(ticks * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        return instant.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" +
               Random.Shared.Next(0x1000, 0xFFFF).ToString("x4", CultureInfo.InvariantCulture);
    }
}
