using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// Something that happened to a run. Events carry the time at which they happened: the decider
/// has no clock of its own.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStarted), "run-started")]
[JsonDerivedType(typeof(TaskSucceeded), "task-succeeded")]
[JsonDerivedType(typeof(TaskFailed), "task-failed")]
[JsonDerivedType(typeof(TimerFired), "timer-fired")]
[JsonDerivedType(typeof(CancelRequested), "cancel-requested")]
[JsonDerivedType(typeof(ChildRunCompleted), "child-run-completed")]
[JsonDerivedType(typeof(RunSuspended), "run-suspended")]
[JsonDerivedType(typeof(RunResumed), "run-resumed")]
public abstract record RunEvent(DateTimeOffset At);

/// <summary>
/// The run begins. <paramref name="PriorResults"/> seeds a rerun with the outputs of tasks that already
/// succeeded; <paramref name="ExpectedDurations"/> (from history) weight the dispatch keys;
/// <paramref name="Dispatch"/> is the order of ready tasks of equal priority. <paramref name="DispatchKeys"/> are
/// the keys of that order by task index, decided once before the event is recorded (<see cref="IDispatchPlanner"/>),
/// so that a replay or a recovery dispatches as the run first did whatever planner it runs with; without them (an
/// event recorded before keys were) the decider computes them (see <see cref="RecordedDispatch"/>).
/// </summary>
public sealed record RunStarted(
    DateTimeOffset At,
    string RunId,
    PipelineDefinition Definition,
    JsonElement? Parameters,
    DateTimeOffset LogicalTime,
    IReadOnlyDictionary<string, JsonElement?>? PriorResults = null,
    IReadOnlyDictionary<string, TimeSpan>? ExpectedDurations = null,
    DispatchPolicy Dispatch = DispatchPolicy.Simulated,
    IReadOnlyList<double>? DispatchKeys = null) : RunEvent(At);

/// <summary>An attempt of a task instance succeeded. <paramref name="TaskKey"/> is the task id, or <c>id[i]</c> for a map instance.</summary>
public sealed record TaskSucceeded(DateTimeOffset At, string TaskKey, int Attempt, JsonElement? Output) : RunEvent(At);

/// <summary>An attempt failed with an error kind from <see cref="ErrorKinds"/>.</summary>
public sealed record TaskFailed(DateTimeOffset At, string TaskKey, int Attempt, string ErrorKind, string Message)
    : RunEvent(At);

/// <summary>A timer the decider started is due; unknown and cancelled timer ids are ignored.</summary>
public sealed record TimerFired(DateTimeOffset At, string TimerId) : RunEvent(At);

/// <summary>Cancel the whole run, or one task when <paramref name="TaskKey"/> is set.</summary>
public sealed record CancelRequested(DateTimeOffset At, string? TaskKey = null, string? Reason = null) : RunEvent(At);

/// <summary>
/// A child run started by <see cref="StartChildRun"/> ended; its output becomes the task's output.
/// <paramref name="Error"/> says why the child never started (it is missing, or refused by <see cref="Security.ChildPipelineAccess"/>); the
/// task then fails with it and is not retried, since a retry would be refused the same way.
/// </summary>
public sealed record ChildRunCompleted(
    DateTimeOffset At, string TaskKey, int Attempt, string ChildRunId, RunStatus Status, JsonElement? Output,
    string? Error = null)
    : RunEvent(At);

/// <summary>
/// Hold the run: it starts no new attempt (ready tasks wait), while attempts already started finish and keep their
/// results, and timers (retry backoffs, timeouts, delays) keep running. A suspended run does not complete until it is
/// resumed. Ignored when the run is already suspended.
/// </summary>
public sealed record RunSuspended(DateTimeOffset At, string? Reason = null) : RunEvent(At);

/// <summary>Release a suspended run: every task that became ready meanwhile is dispatched. Ignored when not suspended.</summary>
public sealed record RunResumed(DateTimeOffset At, string? Reason = null) : RunEvent(At);
