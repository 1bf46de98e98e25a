namespace Workflow.Execution;

/// <summary>Which run states are still going and which are final: the one rule every host and query uses.</summary>
public static class RunStatuses
{
    /// <summary>The states of a run that has not ended: it holds its overlap slot and can still be cancelled.</summary>
    public static IReadOnlyList<RunStatus> Active { get; } = [RunStatus.Queued, RunStatus.Running, RunStatus.Suspended];

    public static bool IsActive(this RunStatus status) =>
        status is RunStatus.Queued or RunStatus.Running or RunStatus.Suspended;

    /// <summary>
    /// Why a run in <paramref name="status"/> cannot be suspended (or resumed), or null when it can: only a run that
    /// has started and not ended can be. Asking for the state it is already in is not refused (nothing changes).
    /// </summary>
    public static string? SuspensionRefusal(string runId, RunStatus status, bool suspend)
    {
        var verb = suspend ? "suspended" : "resumed";
        return status switch
        {
            RunStatus.Running or RunStatus.Suspended => null,
            RunStatus.Queued => $"Run '{runId}' is queued and has not started; only a started run can be {verb}. " +
                                "Cancel it, or wait until it starts.",
            _ => $"Run '{runId}' has already finished ({status.ToString().ToLowerInvariant()}); only a running or " +
                 $"suspended run can be {verb}.",
        };
    }
}
