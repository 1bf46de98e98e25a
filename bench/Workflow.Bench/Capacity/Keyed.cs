namespace Workflow.Bench.Capacity;

/// <summary>
/// Random numbers keyed by (seed, a, b) through SplitMix64, so a task's sampled duration is the same whatever worker
/// count is simulated and whatever order the tasks run in: the worker search compares like with like.
/// </summary>
internal static class Keyed
{
    public static double Uniform(int seed, long a, long b)
    {
        var x = ((ulong)(uint)seed << 32) ^ (ulong)a * 0x9E3779B97F4A7C15UL ^ (ulong)b * 0xC2B2AE3D27D4EB4FUL;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A log-normal factor with mean 1 and the given sigma.</summary>
    public static double LogNormal(int seed, long a, long b, double sigma)
    {
        var u1 = Uniform(seed, a, b);
        var u2 = Uniform(seed ^ 0x5bd1e995, a, b);
        var z = Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp((sigma * z) - (sigma * sigma / 2));
    }
}
