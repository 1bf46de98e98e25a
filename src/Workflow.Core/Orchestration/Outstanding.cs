namespace Workflow.Orchestration;

/// <summary>Something the loop waits on: an activity attempt, a child run or a durable timer.</summary>
internal sealed record Outstanding(
    Task Task,
    OutstandingKind Kind,
    string Key,
    int Attempt = 0,
    string? ChildRunId = null,
    CancellationTokenSource? TimerCancellation = null,
    DateTimeOffset DueAt = default);

internal enum OutstandingKind
{
    Activity,
    ChildRun,
    Timer,
}
