using System.Text;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// Retry delays. Attempt n (n ≥ 2) waits min(initial × coefficient^(n-2), max), plus a jitter of up to
/// <see cref="RetryPolicy.Jitter"/> of that delay. The jitter comes from a stable FNV-1a hash of
/// (run, task, attempt), never from a random source or <see cref="string.GetHashCode()"/>, so that a
/// replay computes the same delay on every machine.
/// </summary>
internal static class Backoff
{
    public static TimeSpan DelayBefore(RetryPolicy policy, string runId, string taskKey, int attempt)
    {
        var exponent = Math.Max(0, attempt - 2);
        var seconds = policy.InitialDelay.TotalSeconds * Math.Pow(Math.Max(policy.BackoffCoefficient, 1.0), exponent);
        var capped = Math.Min(seconds, policy.MaxDelay.TotalSeconds);
        if (double.IsNaN(capped) || capped < 0)
        {
            capped = 0;
        }

        if (policy.Jitter > 0)
        {
            capped += capped * policy.Jitter * Fraction(runId, taskKey, attempt);
        }

        return TimeSpan.FromTicks((long)Math.Round(capped * TimeSpan.TicksPerSecond));
    }

    public static bool IsRetryable(RetryPolicy policy, string errorKind) =>
        errorKind != ErrorKinds.Cancelled && (policy.RetryableErrors is { } kinds
            ? kinds.Contains(errorKind, StringComparer.Ordinal)
            : ErrorKinds.IsRetryableByDefault(errorKind));

    /// <summary>A number in [0, 1) derived from the hash of (run, task, attempt).</summary>
    internal static double Fraction(string runId, string taskKey, int attempt)
    {
        var hash = Fnv1a64($"{runId}\n{taskKey}\n{attempt}");
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    internal static ulong Fnv1a64(string text)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= prime;
        }

        return hash;
    }
}
