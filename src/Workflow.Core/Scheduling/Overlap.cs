using Workflow.Model;
using Workflow.Services;

namespace Workflow.Scheduling;

/// <summary>What a start does about the runs of its pipeline that are already active.</summary>
public enum OverlapAction
{
    Start,
    Skip,
    Queue,
    CancelPreviousThenStart,
}

/// <summary>
/// The overlap rule for every start that is not the scheduler's: manual and API triggers (through
/// <c>IWorkflowService.StartRunAsync</c> in both hosts) and backfill runs (through their backfill, which counts
/// only runs outside itself, since <c>maxActiveRuns</c> governs its own). The tick applies the same policy to
/// scheduled runs, deferring a queued occurrence by holding its watermark; child runs and reruns are parts of a
/// run already admitted, and never wait.
/// </summary>
public static class Overlap
{
    /// <summary>Whether <c>StartRunAsync</c> applies the policy to a start of this trigger.</summary>
    public static bool GovernsStart(RunTrigger trigger) => trigger is RunTrigger.Manual or RunTrigger.Api;

    /// <summary>The action for a new run, given the policy in force and how many other runs are active.</summary>
    public static OverlapAction Decide(OverlapPolicy policy, int otherActiveRuns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(otherActiveRuns);
        if (otherActiveRuns == 0 || policy == OverlapPolicy.Allow)
        {
            return OverlapAction.Start;
        }

        return policy switch
        {
            OverlapPolicy.Skip => OverlapAction.Skip,
            OverlapPolicy.Queue => OverlapAction.Queue,
            OverlapPolicy.CancelPrevious => OverlapAction.CancelPreviousThenStart,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown overlap policy."),
        };
    }

    /// <summary>The answer to a caller whose start the policy skipped (an HTTP 409 in the API).</summary>
    public static string SkippedMessage(string pipelineId, IEnumerable<string> activeRunIds) =>
        $"Pipeline '{pipelineId}' already has an active run ({string.Join(", ", activeRunIds)}) and its overlap " +
        "policy is 'skip', so no new run was started. Wait for it to finish, or send \"overlap\": \"queue\", " +
        "\"allow\" or \"cancel-previous\" with the trigger.";
}
