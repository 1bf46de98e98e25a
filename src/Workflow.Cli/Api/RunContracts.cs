using System.Text.Json;

namespace Workflow.Cli.Api;

/// <summary>
/// A run as the API reports it. Status and trigger stay strings so that a newer server with more states
/// still renders instead of failing to deserialize.
/// </summary>
public sealed record RunInfo(
    string RunId,
    string PipelineId,
    int PipelineVersion,
    string? OwnerGroup,
    string Status,
    string? Trigger,
    DateTimeOffset? LogicalTime,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JsonElement? Parameters = null,
    string? RerunOf = null,
    string? ParentRunId = null);

/// <summary>The state of one task instance in a run (<c>taskKey</c> differs from <c>taskId</c> for mapped tasks).</summary>
public sealed record TaskInfo(
    string TaskKey,
    string TaskId,
    string Status,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<string>? DependsOn);

/// <summary><c>GET /api/runs/{runId}</c>: the run, its tasks and the child runs its sub-pipeline tasks started.</summary>
public sealed record RunDetail(RunInfo Run, IReadOnlyList<TaskInfo> Tasks, IReadOnlyList<RunInfo>? Children = null);

/// <summary>One page of <c>GET /api/runs</c>.</summary>
public sealed record RunPage(IReadOnlyList<RunInfo> Items, string? ContinuationToken);

/// <summary>The 202 answer to a trigger, in the Durable Functions HTTP API style.</summary>
public sealed record RunStarted(
    string? Id,
    string? RunId,
    string? StatusQueryGetUri,
    string? SendEventPostUri,
    string? TerminatePostUri);

/// <summary>One attempt of a task, from <c>GET /api/runs/{runId}/tasks/{taskKey}/attempts</c>.</summary>
public sealed record AttemptInfo(
    string? RunId,
    string TaskKey,
    int Attempt,
    string Status,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ErrorKind,
    string? Error,
    long LogBytes);

/// <summary>
/// A byte range of an attempt's log: <see cref="Offset"/> is where the range starts (the real start when a tail
/// was asked for). <see cref="Complete"/> turns true once the attempt has finished and the range reaches the end.
/// </summary>
public sealed record LogChunk(long Offset, long TotalBytes, string Text, bool Complete);
