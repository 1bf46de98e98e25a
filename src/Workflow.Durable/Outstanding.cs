using System.Text.Json;
using Workflow.Execution;

namespace Workflow.Durable;

/// <summary>
/// Something the loop waits on: an activity attempt, a child run, a decider timer, or the timer after which a
/// suspended attempt runs again (<see cref="Command"/> with <see cref="ResumeState"/>).
/// </summary>
internal sealed record Outstanding(
    Task Task,
    OutstandingKind Kind,
    string Key,
    int Attempt = 0,
    string? ChildRunId = null,
    CancellationTokenSource? TimerCancellation = null,
    DateTimeOffset DueAt = default,
    RunTask? Command = null,
    JsonElement? ResumeState = null)
{
    /// <summary>Work whose result continue-as-new would lose, so a generation waits for it to finish.</summary>
    public bool InFlight => Kind is OutstandingKind.Activity or OutstandingKind.ChildRun;
}

internal enum OutstandingKind
{
    Activity,
    ChildRun,
    Timer,
    Resume,
}
