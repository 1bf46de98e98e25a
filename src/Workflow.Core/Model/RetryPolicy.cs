namespace Workflow.Model;

/// <summary>
/// Exponential backoff: attempt n (n ≥ 2) waits min(InitialDelay × BackoffCoefficient^(n-2), MaxDelay).
/// <see cref="MaxAttempts"/> counts every attempt, the first included, so 1 means no retry.
/// </summary>
public sealed record RetryPolicy
{
    public int MaxAttempts { get; set; } = 1;
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(10);
    public double BackoffCoefficient { get; set; } = 2.0;
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Adds up to this fraction of the delay, derived from a hash of (run, task, attempt).</summary>
    public double Jitter { get; init; }

    /// <summary>The error kinds that are retried; null means every kind that <see cref="ErrorKinds"/> deems retryable.</summary>
    public IReadOnlyList<string>? RetryableErrors { get; init; }

    public static RetryPolicy None => new();
}
