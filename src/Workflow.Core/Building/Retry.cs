using Workflow.Model;

namespace Workflow.Building;

/// <summary>Factories for retry policies.</summary>
public static class Retry
{
    public static RetryPolicy None => RetryPolicy.None;

    /// <summary>Up to <paramref name="attempts"/> attempts in all, doubling from <paramref name="initialDelay"/>.</summary>
    public static RetryPolicy Exponential(int attempts, TimeSpan? initialDelay = null, TimeSpan? maxDelay = null,
        double coefficient = 2.0) => new()
        {
            MaxAttempts = attempts,
            InitialDelay = initialDelay ?? TimeSpan.FromSeconds(10),
            MaxDelay = maxDelay ?? TimeSpan.FromMinutes(10),
            BackoffCoefficient = coefficient,
        };

    public static RetryPolicy Fixed(int attempts, TimeSpan delay) => new()
    {
        MaxAttempts = attempts,
        InitialDelay = delay,
        MaxDelay = delay,
        BackoffCoefficient = 1.0,
    };
}
