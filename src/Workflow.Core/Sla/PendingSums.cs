namespace Workflow.Sla;

/// <summary>
/// The forecast index's remaining work of the tasks not yet started: the sums of their whole estimates' means and
/// variances, in whole ticks (<see cref="ForecastMath.Exact"/>), so that adding and taking out tasks in any order
/// gives the sums worked out from scratch to the tick.
/// </summary>
internal sealed class PendingSums(int count)
{
    /// <summary>Tasks whose whole estimate is in the sums: not done, and no attempt running.</summary>
    private readonly bool[] _counted = new bool[count];

    public Int128 Mean { get; private set; }

    public Int128 Variance { get; private set; }

    /// <summary>
    /// Takes task <paramref name="number"/> out if it was counted, and counts it again if it is
    /// <paramref name="pending"/> now (not done, and no attempt running).
    /// </summary>
    public void Update(int number, RemainingWork whole, bool pending)
    {
        // Estimates are set when the monitor starts, so the share taken out is the one that was counted.
        var (mean, variance) = ForecastMath.Exact(whole);
        if (_counted[number])
        {
            _counted[number] = false;
            Mean -= mean;
            Variance -= variance;
        }

        if (pending)
        {
            _counted[number] = true;
            Mean += mean;
            Variance += variance;
        }
    }
}
