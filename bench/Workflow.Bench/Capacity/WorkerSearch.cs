namespace Workflow.Bench.Capacity;

/// <summary>
/// The smallest worker count whose simulation satisfies a goal (one that includes every deadline), by bisection
/// between a count known to fail (just below the unbounded run's work bound) and one known to pass. A fleet with at least as many workers as the unbounded run's peak of busy workers behaves as the
/// unbounded run, so that peak is the first passing count. Bisection assumes more workers never hurt, which list
/// scheduling does not strictly guarantee; the count printed passed its own simulation and the one below the
/// tolerance failed its own.
/// </summary>
internal static class WorkerSearch
{
    public sealed record Outcome(FleetResult? Smallest, int? LargestFailing, int Simulations);

    public static Outcome Find(Func<int, FleetResult> simulate, Func<FleetResult, bool> goal, FleetResult unbounded,
        double tolerance)
    {
        if (!goal(unbounded))
        {
            return new Outcome(null, null, 0);
        }

        // Below the work bound every deadline cannot be met, so every goal fails there too. A goal met near the
        // bound (the deadlines, mostly) is found by probing the bound and one tolerance above it first.
        var low = Math.Max(0, unbounded.LowerBound - 1);
        var high = unbounded.PeakBusy;
        var best = unbounded with { Workers = high };
        var simulations = 0;
        foreach (var probe in new[] { low + 1, (int)Math.Ceiling((low + 1) * (1 + tolerance)) + 1 })
        {
            if (probe <= low || probe >= high)
            {
                continue;
            }

            var result = simulate(probe);
            simulations++;
            if (goal(result))
            {
                return new Outcome(result, low == 0 ? null : low, simulations);
            }

            low = probe;
        }

        while (high - low > Math.Max(1, (int)(high * tolerance)))
        {
            var mid = low + ((high - low) / 2);
            var result = simulate(mid);
            simulations++;
            if (goal(result))
            {
                high = mid;
                best = result;
            }
            else
            {
                low = mid;
            }
        }

        return new Outcome(best, low == 0 ? null : low, simulations);
    }
}
