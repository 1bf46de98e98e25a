using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Services;

/// <summary>
/// The engine-neutral service the HTTP API is written against. The embedded engine implements it over SQLite;
/// the Azure app implements it over the Durable task hub. Authorization happens above it, in the API. What a
/// caller can get wrong is thrown as a <see cref="ServiceException"/> (not found, version conflict, invalid request,
/// conflict); any other exception is a fault.
/// </summary>
public interface IWorkflowService
{
    ValueTask<PipelineRecord> UpsertPipelineAsync(PipelineDefinition definition, int? expectedVersion, string actor,
        CancellationToken cancellationToken);

    ValueTask<PipelineRecord?> GetPipelineAsync(string pipelineId, int? version, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string pipelineId, CancellationToken cancellationToken);

    /// <summary>
    /// What each task of the pipeline is expected to take, from its recent successful runs (the estimate dispatch
    /// ranks with); tasks without history are left out.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, TimeSpan>> ExpectedDurationsAsync(string pipelineId,
        CancellationToken cancellationToken);

    /// <summary>Deletes a pipeline; its finished runs stay until retention removes them.</summary>
    ValueTask<bool> DeletePipelineAsync(string pipelineId, int? expectedVersion, string actor, CancellationToken cancellationToken);

    /// <summary>Starts a run idempotently: starting an existing run id returns that run.</summary>
    ValueTask<RunRecord> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken);

    ValueTask<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken);

    ValueTask<Page<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken);

    ValueTask<bool> CancelRunAsync(string runId, string actor, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Suspends a started run (see <see cref="RunSuspended"/>): true when it was running, false when it was already
    /// suspended. An unknown run is a <see cref="NotFoundException"/>; a queued or finished one a
    /// <see cref="ConflictException"/> (<see cref="RunStatuses.SuspensionRefusal"/>).
    /// </summary>
    ValueTask<bool> SuspendRunAsync(string runId, string actor, string? reason, CancellationToken cancellationToken);

    /// <summary>Resumes a suspended run: true when it was suspended, false when it was already running; errors as suspend.</summary>
    ValueTask<bool> ResumeRunAsync(string runId, string actor, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// A new run that keeps every task the run finished with success (see <see cref="CarryOver"/>) and runs the rest,
    /// on the run's pinned version or, with <see cref="RerunVersion.Latest"/>, on the current one when the kept tasks
    /// still fit it (see <see cref="RerunPlan"/>; otherwise a <see cref="ConflictException"/> names them).
    /// </summary>
    ValueTask<RunRecord> RerunFailedAsync(string runId, RerunVersion version, string actor,
        CancellationToken cancellationToken);

    /// <summary>
    /// A new run that runs <paramref name="fromTask"/> and every task downstream of it again, even when they succeeded,
    /// and keeps the rest as <see cref="RerunFailedAsync"/> does (see <see cref="RerunFrom"/>); a run that succeeded can
    /// be rerun this way too. A task the rerun's version does not have is an <see cref="InvalidRequestException"/> naming it.
    /// </summary>
    ValueTask<RunRecord> RerunFromTaskAsync(string runId, string fromTask, RerunVersion version, string actor,
        CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<TaskAttemptRecord>> ListAttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken);

    /// <summary>Reads a part of an attempt's log: from an offset, or its last bytes; null for no such attempt.</summary>
    ValueTask<LogChunk?> ReadLogAsync(string runId, string taskKey, int attempt, LogRange range,
        CancellationToken cancellationToken);
}

/// <summary>A stored version of a pipeline. <see cref="ETag"/> is what If-Match compares.</summary>
public sealed record PipelineRecord(PipelineDefinition Definition, int Version, string ETag, DateTimeOffset UpdatedAt,
    string UpdatedBy, bool IsDynamic = false);

public enum RunTrigger
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("schedule")] Schedule,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("manual")] Manual,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("api")] Api,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("parent")] Parent,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("rerun")] Rerun,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("backfill")] Backfill,
}

/// <summary>
/// Asks for a run. <see cref="RunId"/> is set by the scheduler (deterministic, so a second start is a no-op)
/// and left null for manual runs, which get <c>{pipelineId}@manual-{sortable id}</c>. <see cref="Overlap"/>
/// overrides the pipeline's overlap policy for this start (see <c>Scheduling.Overlap</c>).
/// </summary>
public sealed record StartRunRequest(
    string PipelineId,
    RunTrigger Trigger,
    string Actor,
    JsonElement? Parameters = null,
    string? RunId = null,
    DateTimeOffset? ScheduledAt = null,
    string? ParentRunId = null,
    OverlapPolicy? Overlap = null);

public sealed record RunRecord(
    string RunId,
    string PipelineId,
    int PipelineVersion,
    string OwnerGroup,
    RunStatus Status,
    RunTrigger Trigger,
    DateTimeOffset LogicalTime,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    RunSummary? Summary,
    JsonElement? Parameters = null,
    string? RerunOf = null,
    string? ParentRunId = null);

/// <summary>
/// A run with its task instances and the child runs its sub-pipeline tasks started. <see cref="Notices"/> says what
/// the host could not show as it is (the Azure app: a pinned version no longer stored), so a view never shows a wrong
/// state in silence.
/// </summary>
public sealed record RunDetail(RunRecord Run, IReadOnlyList<TaskInstanceRecord> Tasks,
    IReadOnlyList<RunRecord>? Children = null, IReadOnlyList<string>? Notices = null);

/// <summary>Which definition a rerun runs on: the run's pinned version, or the pipeline's current one.</summary>
public enum RerunVersion
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("pinned")] Pinned,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("latest")] Latest,
}

/// <summary>The current state of one task instance in a run.</summary>
public sealed record TaskInstanceRecord(
    string TaskKey,
    string TaskId,
    Execution.TaskStatus Status,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<string> DependsOn);

public sealed record TaskAttemptRecord(
    string RunId,
    string TaskKey,
    int Attempt,
    Execution.TaskStatus Status,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ErrorKind,
    string? Error,
    JsonElement? Output,
    long LogBytes,
    int? Priority = null,
    TimeSpan? Timeout = null);

public sealed record RunQuery(
    string? PipelineId = null,
    RunStatus? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    IReadOnlyCollection<string>? OwnerGroups = null,
    string? ContinuationToken = null,
    int Limit = 50);

public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

public sealed record LogChunk(long Offset, long TotalBytes, string Text, bool Complete);
