using System.Globalization;
using System.Runtime;

namespace Workflow.Bench.Goals;

/// <summary>
/// Warm-up until the JIT has settled. .NET compiles hot methods again, optimized, on a background thread; on two
/// cores that recompilation goes on for seconds after start and lands on whichever measured side it overlaps. The
/// goals are about a running service, so a measurement starts once a warm-up round spends under 5 % of its CPU
/// compiling (at most <c>maxRounds</c> rounds); the goal's line says which, and how much JIT time was left in the
/// measured section.
/// </summary>
internal static class JitWarmUp
{
    private const double SettledShare = 0.05;

    /// <summary>Runs <paramref name="round"/> (given its number) until the JIT has settled; says how it went.</summary>
    public static async Task<string> UntilSettledAsync(Func<int, Task> round, int maxRounds, string unit)
    {
        for (var i = 1; i <= maxRounds; i++)
        {
            var jit = JitInfo.GetCompilationTime();
            var usage = await Usage.MeasureAsync(() => round(i));
            if (JitInfo.GetCompilationTime() - jit < usage.Cpu * SettledShare)
            {
                return string.Create(CultureInfo.InvariantCulture, $"a warm-up of {i} {unit}, JIT settled");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"a warm-up of {maxRounds} {unit}, JIT not settled");
    }

    /// <summary>
    /// Waits until the JIT has compiled nothing for a while (at most <paramref name="limit"/>). Each measured run
    /// builds and stops a host of its own, and the runtime recompiles that start-up code on its background thread
    /// some time later: without this wait, the recompilation of one run's start lands inside the next run.
    /// </summary>
    public static async Task QuietAsync(TimeSpan? limit = null)
    {
        var quietFor = TimeSpan.FromMilliseconds(300);
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(3));
        var last = JitInfo.GetCompilationTime();
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - quietSince < quietFor)
        {
            await Task.Delay(50);
            var now = JitInfo.GetCompilationTime();
            if (now != last)
            {
                last = now;
                quietSince = DateTime.UtcNow;
            }
        }
    }
}
