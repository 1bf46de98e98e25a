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
/// the idempotency key is <c>{runId}/{taskKey}/{attempt}</c>.
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
    TimeSpan? Timeout) : RunCommand;

public sealed record StartTimer(string TimerId, DateTimeOffset DueAt, TimerPurpose Purpose, string? TaskKey = null)
    : RunCommand;

public sealed record CancelTimer(string TimerId) : RunCommand;

/// <summary>Stop a running attempt (its handler's token is cancelled; a process tree is killed).</summary>
public sealed record CancelTask(string TaskKey, int Attempt) : RunCommand;

public sealed record StartChildRun(string TaskKey, int Attempt, string ChildRunId, string PipelineId, JsonElement? Parameters)
    : RunCommand;

/// <summary>A run-level notification that the SLA monitor and alert sinks consume.</summary>
public sealed record Notify(NotificationKind Kind, DateTimeOffset At, string Message, string? TaskKey = null, int? Attempt = null)
    : RunCommand;

public sealed record CompleteRun(RunStatus Status, RunSummary Summary) : RunCommand;

/// <summary>Task counts by final state, for the run record and its notifications.</summary>
public sealed record RunSummary(int Succeeded, int Failed, int Skipped, int Cancelled, int Total);

public enum TimerPurpose
{
    [JsonStringEnumMemberName("retry")] Retry,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("delay")] Delay,
}

public enum NotificationKind
{
    [JsonStringEnumMemberName("task-retrying")] TaskRetrying,
    [JsonStringEnumMemberName("task-failed")] TaskFailed,
    [JsonStringEnumMemberName("run-failed")] RunFailed,
    [JsonStringEnumMemberName("run-succeeded")] RunSucceeded,
    [JsonStringEnumMemberName("run-cancelled")] RunCancelled,
}
