using System.Text;

namespace Workflow.Simulation;

/// <summary>
/// Random numbers keyed by (seed, name, attempt): SplitMix64 over an FNV-1a hash. Keying by task rather
/// than drawing from one stream keeps a task's duration the same whatever order a policy runs it in.
/// </summary>
internal static class SimRandom
{
    /// <summary>A uniform number in [0, 1).</summary>
    public static double Uniform(int seed, string name, int attempt, int stream)
    {
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            h = (h ^ b) * 1099511628211UL;
        }

        var x = h ^ ((ulong)(uint)seed << 32) ^ (ulong)(uint)attempt ^ ((ulong)stream << 48);
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    public static double Sample(DurationModel model, double mean, double spread, int seed, string name, int attempt)
    {
        var u = Uniform(seed, name, attempt, 1);
        return model switch
        {
            DurationModel.Uniform => mean * (1 + (spread * ((2 * u) - 1))),
            DurationModel.Exponential => -mean * Math.Log(1 - u),
            DurationModel.LogNormal => mean * Math.Exp((spread * Normal(u, Uniform(seed, name, attempt, 2)))
                - (spread * spread / 2)),
            _ => mean,
        };
    }

    private static double Normal(double u1, double u2) =>
        Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
}
