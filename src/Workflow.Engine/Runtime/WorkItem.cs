using System.Text.Json;

namespace Workflow.Engine.Runtime;

/// <summary>
/// One attempt of a task waiting for, or held by, a worker. It mirrors a <c>task_attempts</c> row in state
/// <c>queued</c> or <c>running</c>; <see cref="Key"/> is the idempotency key <c>{run}/{task}/{attempt}</c>.
/// </summary>
internal sealed class WorkItem
{
    public required string RunId { get; init; }
    public required string PipelineId { get; init; }
    public required string TaskKey { get; init; }
    public required string TaskId { get; init; }
    public required int Attempt { get; init; }
    public required string Kind { get; init; }
    public JsonElement? Config { get; init; }
    public JsonElement? Input { get; init; }
    public required string Pool { get; init; }
    public int Priority { get; init; }
    public double Rank { get; init; }
    public required string Key { get; init; }
    public TimeSpan? Timeout { get; init; }

    /// <summary>A <c>map</c> reads this task's output, so it is not spilled; see <see cref="Workflow.Execution.RunTask.KeepOutputInline"/>.</summary>
    public bool KeepOutputInline { get; set; }

    /// <summary>FIFO order among equal priority and rank.</summary>
    public long Sequence { get; set; }

    /// <summary>What a suspended handler (async http, delay) left for its next delivery.</summary>
    public JsonElement? ResumeState { get; set; }

    public int Deliveries { get; set; }

    /// <summary>Set by the writer when the attempt or its run is cancelled; a queued item is then dropped.</summary>
    public volatile bool Cancelled;

    public static string MakeKey(string runId, string taskKey, int attempt) => $"{runId}/{taskKey}/{attempt}";
}
