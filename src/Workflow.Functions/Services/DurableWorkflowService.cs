using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Storage;
using Workflow.Model;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Services;

/// <summary>
/// <see cref="IWorkflowService"/> for the Azure host: pipelines in the blob catalogue, runs as Durable
/// orchestration instances (instance id from <see cref="InstanceIds"/>), attempts and logs as blobs. The mapping
/// of instance state to records is <see cref="RunRecords"/> and <see cref="TaskRecords"/>, tested in Workflow.Core.
/// Runs are changed by <see cref="DurableRunCommands"/> and read by <see cref="DurableRunReader"/>.
/// </summary>
public sealed class DurableWorkflowService : IWorkflowService
{
    private readonly BlobPipelineCatalog _catalog;
    private readonly AttemptStore _attempts;
    private readonly BlobDurationHistory _durations;
    private readonly DurableRunCommands _runCommands;
    private readonly DurableRunReader _runReader;

    public DurableWorkflowService(DurableClientHolder durable, BlobPipelineCatalog catalog, AttemptStore attempts,
        TimeProvider time, BlobDurationHistory durations)
    {
        _catalog = catalog;
        _attempts = attempts;
        _durations = durations;
        _runReader = new DurableRunReader(durable, catalog, attempts);
        _runCommands = new DurableRunCommands(durable, catalog, time, _runReader, this);
    }

    public ValueTask<PipelineRecord> UpsertPipelineAsync(PipelineDefinition definition, int? expectedVersion,
        string actor, CancellationToken cancellationToken) =>
        _catalog.UpsertAsync(definition, expectedVersion, actor, cancellationToken);

    public ValueTask<PipelineRecord?> GetPipelineAsync(string pipelineId, int? version,
        CancellationToken cancellationToken) => _catalog.GetAsync(pipelineId, version, cancellationToken);

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        _catalog.ListAsync(cancellationToken);

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string pipelineId,
        CancellationToken cancellationToken) => _catalog.VersionsAsync(pipelineId, cancellationToken);

    public async ValueTask<IReadOnlyDictionary<string, TimeSpan>> ExpectedDurationsAsync(string pipelineId,
        CancellationToken cancellationToken) =>
        new DurationEstimator(new DurationEstimatorOptions())
            .ExpectedForRank(await _durations.RecentAsync(pipelineId, cancellationToken));

    /// <summary>
    /// Removes the head and, once no pipeline source still gives the id, its duration samples, as the embedded host
    /// deletes its rows with the head; the retention purge removes what a run still going writes afterwards.
    /// </summary>
    public ValueTask<bool> DeletePipelineAsync(string pipelineId, int? expectedVersion, string actor,
        CancellationToken cancellationToken) =>
        DeletePipelineAsync(pipelineId, expectedVersion, beforeDelete: null, cancellationToken);

    /// <summary>The same delete, telling <paramref name="beforeDelete"/> the head about to go (an audited delete,
    /// <see cref="BlobPipelineDeletes"/>, writes its intent there).</summary>
    internal async ValueTask<bool> DeletePipelineAsync(string pipelineId, int? expectedVersion,
        Func<HeadDeletion, CancellationToken, ValueTask>? beforeDelete, CancellationToken cancellationToken)
    {
        if (!await _catalog.DeleteAsync(pipelineId, expectedVersion, beforeDelete, cancellationToken))
        {
            return false;
        }

        if (await _catalog.GetAsync(pipelineId, null, cancellationToken) is null)
        {
            await _durations.DeleteAsync(pipelineId, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Idempotent: the instance is looked up first, so starting a run id that exists (running or finished) returns
    /// it rather than scheduling it again; a finished instance would otherwise be recreated by the backend.
    /// </summary>
    public ValueTask<RunRecord> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken) =>
        _runCommands.StartAsync(request, cancellationToken);

    public ValueTask<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        _runReader.DetailAsync(runId, cancellationToken);

    public ValueTask<Workflow.Services.Page<RunRecord>> ListRunsAsync(RunQuery query,
        CancellationToken cancellationToken) =>
        _runReader.ListAsync(query, cancellationToken);

    /// <summary>
    /// False when there is nothing left to cancel: no such run, or a run that has ended, which includes a run whose
    /// instance still waits for an attempt it abandoned (Durable cannot stop an activity) while its status says how
    /// it ended.
    /// </summary>
    public ValueTask<bool> CancelRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) =>
        _runCommands.CancelAsync(runId, actor, reason, cancellationToken);

    /// <summary>
    /// Durable's own suspend on the run's instance: while suspended the orchestration handles no event (activities
    /// already scheduled still run; their results, and timers that fire, wait for the resume). See docs/azure.md.
    /// </summary>
    public ValueTask<bool> SuspendRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) =>
        _runCommands.ChangeSuspensionAsync(runId, true, reason ?? $"Suspended by {actor}.", cancellationToken);

    public ValueTask<bool> ResumeRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) =>
        _runCommands.ChangeSuspensionAsync(runId, false, reason ?? $"Resumed by {actor}.", cancellationToken);

    /// <summary>
    /// A new run that keeps what the run's outcome says it kept (<see cref="RunOutcome.Kept"/>) on the pinned or the
    /// current version (checked by <see cref="RerunPlan"/>). An instance that ended without an outcome (it faulted
    /// or was terminated outside the API) kept nothing, so everything runs again.
    /// </summary>
    public ValueTask<RunRecord> RerunFailedAsync(string runId, RerunVersion version, string actor,
        CancellationToken cancellationToken) => _runCommands.RerunAsync(runId, null, version, cancellationToken);

    /// <summary>As <see cref="RerunFailedAsync"/>, without the chosen task and what is downstream of it
    /// (<see cref="RerunFrom"/>).</summary>
    public ValueTask<RunRecord> RerunFromTaskAsync(string runId, string fromTask, RerunVersion version, string actor,
        CancellationToken cancellationToken) => _runCommands.RerunAsync(runId, fromTask, version, cancellationToken);

    public ValueTask<IReadOnlyList<TaskAttemptRecord>> ListAttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken) => _attempts.ListAsync(runId, taskKey, cancellationToken);

    public ValueTask<LogChunk?> ReadLogAsync(string runId, string taskKey, int attempt, LogRange range,
        CancellationToken cancellationToken) =>
        _runReader.LogAsync(runId, taskKey, attempt, range, cancellationToken);
}
