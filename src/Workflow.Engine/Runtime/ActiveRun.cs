using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A run the engine is driving: its decider state lives here, in memory, and only the writer touches it.
/// Each event is appended to <c>run_events</c>; the state is snapshotted now and then, so a restart rebuilds it
/// from the last snapshot plus the events after it instead of rewriting the whole state on every completion.
/// </summary>
internal sealed class ActiveRun(string runId, PipelineDefinition definition, RunState state)
{
    public string RunId { get; } = runId;
    public PipelineDefinition Definition { get; } = definition;
    public string PipelineId => Definition.Id;
    public RunState State { get; set; } = state;
    public long Seq { get; set; }
    public long SnapshotSeq { get; set; }
    public DateTimeOffset LogicalTime { get; init; }
    public string? ParentRunId { get; init; }
    public string? ParentTaskKey { get; init; }
    public int? ParentAttempt { get; init; }

    /// <summary>
    /// Timers not yet fired or cancelled, with the instant each is armed for. A firing for another instant is stale:
    /// the timer was moved (an attempt's timeout counts from its delivery's start) and is ignored.
    /// <see cref="DateTimeOffset.MaxValue"/> parks the timeout of an attempt that waits for redelivery.
    /// </summary>
    public Dictionary<string, DateTimeOffset> Timers { get; } = new(StringComparer.Ordinal);

    /// <summary>Attempts queued or running, by idempotency key.</summary>
    public Dictionary<string, WorkItem> Pending { get; } = new(StringComparer.Ordinal);

    public RunInfo Info => new(RunId, Definition, LogicalTime, ParentRunId);
}
