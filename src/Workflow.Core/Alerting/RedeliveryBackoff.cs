namespace Workflow.Alerting;

/// <summary>
/// The wait before a webhook delivery is tried again: <c>initial × 2^(attempt-1)</c>, capped at <c>max</c>.
/// Both hosts' delivery workers use it.
/// </summary>
public static class RedeliveryBackoff
{
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="initial">The wait after the first failed attempt.</param>
    /// <param name="max">The longest wait.</param>
    public static TimeSpan After(int attempt, TimeSpan initial, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(initial.Ticks * factor, max.Ticks));
    }
}
