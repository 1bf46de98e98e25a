using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Storage;
using Workflow.Model;
using Workflow.Parameters;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Services;

/// <summary>
/// <see cref="IWorkflowService"/> for the Azure host: pipelines in the blob catalogue, runs as Durable
/// orchestration instances (instance id from <see cref="InstanceIds"/>), attempts and logs as blobs. The mapping
/// of instance state to records is <see cref="RunRecords"/> and <see cref="TaskRecords"/>, tested in Workflow.Core.
/// </summary>
public sealed partial class DurableWorkflowService(
    DurableClientHolder durable,
    BlobPipelineCatalog catalog,
    AttemptStore attempts,
    TimeProvider time,
    BlobDurationHistory durations) : IWorkflowService
{
    private DurableTaskClient Client => durable.Client;

    public ValueTask<PipelineRecord> UpsertPipelineAsync(PipelineDefinition definition, int? expectedVersion, string actor,
        CancellationToken cancellationToken) => catalog.UpsertAsync(definition, expectedVersion, actor, cancellationToken);

    public ValueTask<PipelineRecord?> GetPipelineAsync(string pipelineId, int? version, CancellationToken cancellationToken) =>
        catalog.GetAsync(pipelineId, version, cancellationToken);

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        catalog.ListAsync(cancellationToken);

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string pipelineId,
        CancellationToken cancellationToken) => catalog.VersionsAsync(pipelineId, cancellationToken);

    public async ValueTask<IReadOnlyDictionary<string, TimeSpan>> ExpectedDurationsAsync(string pipelineId,
        CancellationToken cancellationToken) =>
        new DurationEstimator(new DurationEstimatorOptions())
            .ExpectedForRank(await durations.RecentAsync(pipelineId, cancellationToken));

    public ValueTask<bool> DeletePipelineAsync(string pipelineId, int? expectedVersion, string actor,
        CancellationToken cancellationToken) => catalog.DeleteAsync(pipelineId, expectedVersion, cancellationToken);

    /// <summary>
    /// Idempotent: the instance is looked up first, so starting a run id that exists (running or finished) returns
    /// it rather than scheduling it again; a finished instance would otherwise be recreated by the backend.
    /// </summary>
    public async ValueTask<RunRecord> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken)
    {
        var runId = request.RunId ?? global::Workflow.Scheduling.RunIds.NewManual(request.PipelineId, time.GetUtcNow());
        var instanceId = InstanceIds.For(runId);
        if (await ReadAsync(instanceId, cancellationToken) is { } existing)
        {
            return existing.Record;
        }

        var pipeline = await catalog.GetAsync(request.PipelineId, null, cancellationToken)
            ?? throw new NotFoundException($"Pipeline '{request.PipelineId}' does not exist.");
        var parameters = RunParameters.ResolveOrThrow(pipeline.Definition, request.Parameters);

        if (await Backfills.DurableOverlap.AdmitAsync(this, Client, request, pipeline, runId, time.GetUtcNow(),
                cancellationToken) is { } queued)
        {
            return queued;
        }

        // The run is pinned to the version its parameters were checked against; its record reads the version here.
        var input = PipelineRunInput.FromRequest(new RunRequest(runId, request.PipelineId, request.Trigger,
            request.ScheduledAt, parameters, request.ParentRunId,
            PinnedVersion: pipeline.IsDynamic ? null : pipeline.Version));
        await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.PipelineRun, input,
            new StartOrchestrationOptions(instanceId), cancellationToken);
        var now = time.GetUtcNow();
        return RunRecords.From(new RunInstanceView(instanceId, "Pending", now, now, input, null, null), pipeline);
    }

    public async ValueTask<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(InstanceIds.For(runId), cancellationToken) is not { } run)
        {
            return null;
        }

        var list = await attempts.ListAsync(runId, null, cancellationToken);
        return new RunDetail(run.Record, TaskRecords.Build(run.Pipeline?.Definition, list, run.Record.Status),
            await ChildrenAsync(runId, cancellationToken));
    }

    /// <summary>
    /// False when there is nothing left to cancel: no such run, or a run that has ended, which includes a run whose
    /// instance still waits for an attempt it abandoned (Durable cannot stop an activity) while its status says how
    /// it ended.
    /// </summary>
    public async ValueTask<bool> CancelRunAsync(string runId, string actor, string? reason, CancellationToken cancellationToken)
    {
        var instanceId = InstanceIds.For(runId);
        var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || metadata.IsCompleted
            || RunRecords.StatusOf(View(metadata)) is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled)
        {
            return false;
        }

        await Client.RaiseEventAsync(instanceId, OrchestrationNames.CancelEvent,
            new CancelRunRequest(Reason: reason, Actor: actor), cancellationToken);
        return true;
    }

    /// <summary>
    /// Durable's own suspend on the run's instance: while suspended the orchestration handles no event (activities
    /// already scheduled still run; their results, and timers that fire, wait for the resume). See docs/azure.md.
    /// </summary>
    public ValueTask<bool> SuspendRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) => ChangeSuspensionAsync(runId, true, reason ?? $"Suspended by {actor}.",
        cancellationToken);

    public ValueTask<bool> ResumeRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) => ChangeSuspensionAsync(runId, false, reason ?? $"Resumed by {actor}.",
        cancellationToken);

    private async ValueTask<bool> ChangeSuspensionAsync(string runId, bool suspend, string reason,
        CancellationToken cancellationToken)
    {
        var instanceId = InstanceIds.For(runId);
        var status = (await ReadAsync(instanceId, cancellationToken))?.Record.Status
                     ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        if (RunStatuses.SuspensionRefusal(runId, status, suspend) is { } refusal)
        {
            throw new ConflictException(refusal);
        }

        if ((status == RunStatus.Suspended) == suspend)
        {
            return false;
        }

        await (suspend
            ? Client.SuspendInstanceAsync(instanceId, reason, cancellationToken)
            : Client.ResumeInstanceAsync(instanceId, reason, cancellationToken));
        return true;
    }

    public ValueTask<IReadOnlyList<TaskAttemptRecord>> ListAttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken) => attempts.ListAsync(runId, taskKey, cancellationToken);

    public async ValueTask<LogChunk?> ReadLogAsync(string runId, string taskKey, int attempt, long offset, int maxBytes,
        CancellationToken cancellationToken)
    {
        var records = await attempts.ListAsync(runId, taskKey, cancellationToken);
        var finished = records.FirstOrDefault(r => r.Attempt == attempt)?.FinishedAt is not null;
        return await attempts.ReadAsync(runId, taskKey, attempt, offset, maxBytes, finished, cancellationToken);
    }
}
