namespace Workflow.Runtime.Scheduling;

/// <summary>What one tick did, for logs, metrics and tests.</summary>
public sealed record TickReport(DateTimeOffset At, int Started, int Skipped, int Deferred, int CancelledPrevious,
    int Failed)
{
    public static TickReport Empty(DateTimeOffset at) => new(at, 0, 0, 0, 0, 0);
}
