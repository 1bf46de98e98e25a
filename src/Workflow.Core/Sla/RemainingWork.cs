namespace Workflow.Sla;

/// <summary>
/// The remaining duration of a task or a path, as a mean, a variance and a p95. Adding two of them models two
/// tasks one after the other; <see cref="Guard"/> keeps the path's p95 from falling below that of its single
/// most uncertain task, where the normal approximation of a sum is at its weakest.
/// </summary>
public readonly record struct RemainingWork(double Mean, double Variance, double P95, double Guard)
{
    private const double Z95 = 1.6448536269514722;

    public static RemainingWork Zero => default;

    /// <summary>A task that takes exactly <paramref name="ticks"/>.</summary>
    public static RemainingWork Certain(double ticks) => new(ticks, 0, ticks, ticks);

    /// <summary>A pending task whose duration is log-normal with the given median and p95.</summary>
    public static RemainingWork LogNormal(double p50, double p95)
    {
        if (p50 <= 0 || p95 <= p50)
        {
            return Certain(Math.Max(p50, p95));
        }

        var sigma = Math.Log(p95 / p50) / Z95;
        var mean = p50 * Math.Exp(sigma * sigma / 2);
        var variance = mean * mean * (Math.Exp(sigma * sigma) - 1);
        return new(mean, variance, p95, p95);
    }

    /// <summary>The same shape (mean to p95 ratio) rescaled to a new p95, for a task that is already running.</summary>
    public RemainingWork WithP95(double p95)
    {
        if (P95 <= 0)
        {
            return Certain(p95);
        }

        var mean = Mean / P95 * p95;
        var spread = (p95 - mean) / Z95;
        return new(mean, spread * spread, p95, p95);
    }

    /// <summary>This, then <paramref name="next"/>.</summary>
    public RemainingWork Then(RemainingWork next) =>
        new(Mean + next.Mean, Variance + next.Variance, 0, Math.Max(Guard + next.Mean, Mean + next.Guard));

    /// <summary>The path's p95: the normal approximation of the sum, never below the guard.</summary>
    public double Quantile95 => Math.Max(Mean + (Z95 * Math.Sqrt(Variance)), Guard);
}
