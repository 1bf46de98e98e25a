using System.Text.Json;
using Workflow.Execution;

namespace Workflow.Durable;

/// <summary>
/// What one generation of a run orchestration hands the next through continue-as-new: the decider's state and
/// the work that was decided but not yet in flight. It is taken only when no activity or child run is in flight,
/// because continue-as-new discards the results of anything still outstanding. <c>State</c> is the decider's
/// state in its own JSON form; <c>Timers</c> are created again (they are absolute instants, so nothing is lost);
/// <c>Held</c> is the tasks and child runs the decider started while the generation drained; <c>SlaInstanceId</c>
/// names the run's SLA monitor, when it has one.
/// </summary>
public sealed record RunSnapshot(
    string RunId,
    string PipelineId,
    int Generation,
    long EventsProcessed,
    JsonElement State,
    IReadOnlyList<PendingTimer> Timers,
    IReadOnlyList<HeldWork> Held,
    string? SlaInstanceId = null);

/// <summary>
/// A timer carried over to the next generation. <see cref="HeldAt"/> is set for the timeout of a held attempt:
/// its due time moves by as long as the attempt waited, so the wait does not eat the attempt's timeout.
/// </summary>
public sealed record PendingTimer(string TimerId, DateTimeOffset DueAt, DateTimeOffset? HeldAt = null);

/// <summary>
/// A <see cref="RunTask"/> or <see cref="StartChildRun"/> held back while the generation drained, or a suspended
/// attempt that runs again at <see cref="ResumeAt"/> with <see cref="ResumeState"/>.
/// </summary>
public sealed record HeldWork(RunCommand Command, DateTimeOffset HeldAt, DateTimeOffset? ResumeAt = null,
    JsonElement? ResumeState = null);
