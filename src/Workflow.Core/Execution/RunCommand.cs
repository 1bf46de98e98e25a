using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Execution;

/// <summary>Something the decider asks its shell to do.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunTask), "run-task")]
[JsonDerivedType(typeof(StartTimer), "start-timer")]
[JsonDerivedType(typeof(CancelTimer), "cancel-timer")]
[JsonDerivedType(typeof(CancelTask), "cancel-task")]
[JsonDerivedType(typeof(StartChildRun), "start-child-run")]
[JsonDerivedType(typeof(Notify), "notify")]
[JsonDerivedType(typeof(CompleteRun), "complete-run")]
public abstract record RunCommand;

/// <summary>
/// Run one attempt of a task instance. Pool, priority and rank let the shell order its global queue;
/// the idempotency key is <c>{runId}/{taskKey}/{attempt}</c>. The input is a JSON object keyed by upstream
/// task id with the outputs of the upstream tasks that succeeded; a map instance <c>id[i]</c> also gets
/// <c>$item</c> (its element) and <c>$index</c>. The decider also races a timeout timer when one is set,
/// so the shell may enforce <see cref="Timeout"/> itself but need not.
/// <paramref name="KeepOutputInline"/> is set when a <c>map</c> reads this task's output (<see cref="MapSources"/>):
/// the shell must hand the output back inline, never spilled to a reference.
/// </summary>
public sealed record RunTask(
    string TaskKey,
    string TaskId,
    int Attempt,
    string Kind,
    JsonElement? Config,
    JsonElement? Input,
    string Pool,
    int Priority,
    double Rank,
    string IdempotencyKey,
    TimeSpan? Timeout,
    bool KeepOutputInline = false) : RunCommand
{
    /// <summary>
    /// The idempotency key of an attempt, <c>{runId}/{taskKey}/{attempt}</c>, for every host. The embedded engine's
    /// <c>task_attempts</c> row does not hold it: it is built from the row's run, task key and attempt when read.
    /// </summary>
    public static string IdempotencyKeyFor(string runId, string taskKey, int attempt) => $"{runId}/{taskKey}/{attempt}";

    /// <summary>
    /// The failure of an attempt that ran past its timeout, whichever side stopped it: the decider's timer or a
    /// shell that enforces <see cref="Timeout"/> itself.
    /// </summary>
    public static string TimedOut(int attempt, TimeSpan timeout) =>
        $"Attempt {attempt} did not finish within its timeout of {Json.Duration.Format(timeout)}.";
}

/// <summary>
/// Fire <see cref="TimerFired"/> with this id at <paramref name="DueAt"/> (or at once when it is past). Ids are
/// unique within a run: <c>{taskKey}/{retry|timeout|delay}/{attempt}</c>.
/// </summary>
public sealed record StartTimer(string TimerId, DateTimeOffset DueAt, TimerPurpose Purpose, string? TaskKey = null)
    : RunCommand;

/// <summary>Forget a timer; a timer that fires anyway is ignored by the decider.</summary>
public sealed record CancelTimer(string TimerId) : RunCommand;

/// <summary>
/// Stop a running attempt (its handler's token is cancelled; a process tree is killed; for a sub-pipeline
/// task, the child run is cancelled). The decider has already decided what follows; a late outcome is ignored.
/// <paramref name="Reason"/> is set when the attempt's timeout fired: the failure the shell records for the attempt,
/// the same words the decider's alert and retry notice use.
/// </summary>
public sealed record CancelTask(string TaskKey, int Attempt, string? Reason = null) : RunCommand;

/// <summary>
/// Run another pipeline as a child; its id is deterministic, <c>{runId}/{taskKey}#{attempt}</c>, so starting
/// it twice is a no-op. The shell reports <see cref="ChildRunCompleted"/>.
/// </summary>
public sealed record StartChildRun(string TaskKey, int Attempt, string ChildRunId, string PipelineId, JsonElement? Parameters)
    : RunCommand;

/// <summary>A run-level notification that the SLA monitor and alert sinks consume.</summary>
public sealed record Notify(NotificationKind Kind, DateTimeOffset At, string Message, string? TaskKey = null, int? Attempt = null)
    : RunCommand;

/// <summary>The run reached its final status; nothing else follows.</summary>
public sealed record CompleteRun(RunStatus Status, RunSummary Summary) : RunCommand;

/// <summary>Task counts by final state, for the run record and its notifications.</summary>
public sealed record RunSummary(int Succeeded, int Failed, int Skipped, int Cancelled, int Total);

/// <summary>Why a timer exists: a retry backoff, an attempt's timeout, or a delay / wait-until task.</summary>
public enum TimerPurpose
{
    [JsonStringEnumMemberName("retry")] Retry,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("delay")] Delay,
}

/// <summary>The kinds of run notifications.</summary>
public enum NotificationKind
{
    [JsonStringEnumMemberName("task-retrying")] TaskRetrying,
    [JsonStringEnumMemberName("task-failed")] TaskFailed,
    [JsonStringEnumMemberName("run-failed")] RunFailed,
    [JsonStringEnumMemberName("run-succeeded")] RunSucceeded,
    [JsonStringEnumMemberName("run-cancelled")] RunCancelled,
}
