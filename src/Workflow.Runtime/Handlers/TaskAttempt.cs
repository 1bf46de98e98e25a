using System.Text.Json;

namespace Workflow.Runtime.Handlers;

/// <summary>
/// One delivery of one attempt, as a host hands it to <see cref="TaskAttemptExecutor"/>: the embedded engine from
/// its work items, the Azure app from the activity input.
/// </summary>
public sealed record TaskAttempt
{
    public required string RunId { get; init; }
    public required string PipelineId { get; init; }
    public required string TaskKey { get; init; }
    public required string TaskId { get; init; }
    public required int Attempt { get; init; }
    public required string Kind { get; init; }

    /// <summary><c>{runId}/{taskKey}/{attempt}</c>: the same on every delivery of this attempt.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>1 on the first delivery; higher after a lease expired or the host restarted.</summary>
    public int Delivery { get; init; } = 1;

    public JsonElement? Config { get; init; }
    public JsonElement? Input { get; init; }
    public JsonElement? ResumeState { get; init; }
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Keep the output inline whatever its size: a <c>map</c> reads this task's output inside the run decider,
    /// which cannot follow a reference.
    /// </summary>
    public bool KeepOutputInline { get; init; }
}
