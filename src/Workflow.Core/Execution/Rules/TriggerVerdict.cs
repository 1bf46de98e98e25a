using Workflow.Model;

namespace Workflow.Execution;

/// <summary>What a trigger rule says about a task given the outcomes of its parents so far.</summary>
internal enum TriggerVerdict
{
    Wait,
    Ready,
    Skip,
}

/// <summary>
/// Trigger rules as a function of parent counters, so that each finished parent costs O(1).
/// Cancelled parents count as failed. A task without parents is always ready, whatever its rule.
/// </summary>
internal static class TriggerRules
{
    public static TriggerVerdict Evaluate(TriggerRule rule, int parents, int succeeded, int failed, int skipped)
    {
        if (parents == 0)
        {
            return TriggerVerdict.Ready;
        }

        var allDone = succeeded + failed + skipped == parents;
        return rule switch
        {
            TriggerRule.AllSuccess => succeeded == parents ? TriggerVerdict.Ready
                : failed + skipped > 0 ? TriggerVerdict.Skip : TriggerVerdict.Wait,
            TriggerRule.AllDone => allDone ? TriggerVerdict.Ready : TriggerVerdict.Wait,
            TriggerRule.OneFailed => failed > 0 ? TriggerVerdict.Ready
                : allDone ? TriggerVerdict.Skip : TriggerVerdict.Wait,
            TriggerRule.OneSuccess => succeeded > 0 ? TriggerVerdict.Ready
                : allDone ? TriggerVerdict.Skip : TriggerVerdict.Wait,
            TriggerRule.NoneFailed => failed > 0 ? TriggerVerdict.Skip
                : allDone ? TriggerVerdict.Ready : TriggerVerdict.Wait,
            _ => TriggerVerdict.Skip,
        };
    }
}
