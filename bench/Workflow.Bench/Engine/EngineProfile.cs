using System.Globalization;

namespace Workflow.Bench.Engine;

/// <summary>
/// <c>engine-profile [durable|memory] [tasks] [runs]</c>: one side of the engine benchmark, a fan-out run again and
/// again in one process (after two small warm-up runs), each line with its throughput, mean batch and CPU time per
/// task by thread role. For attaching a profiler to one side only (<c>perf record -p</c>), which the interleaved
/// <c>engine</c> and <c>goals</c> runs do not allow.
/// </summary>
internal static class EngineProfile
{
    public static void Run() => RunAsync(Arguments()).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        var durable = args.Length == 0 || args[0] != "memory";
        var tasks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        for (var i = 0; i < 2; i++)
        {
            await EngineBenchmark.MeasureAsync(durable, Shapes.FanOut(500), quiet: true);
        }

        Console.WriteLine($"engine-profile: {(durable ? "durable" : "memory")}, {tasks:N0}-task fan-out, {runs} runs, " +
                          $"pid {Environment.ProcessId}, load {Goals.GoalLine.LoadAverage()}");
        for (var i = 0; i < runs; i++)
        {
            var r = await EngineBenchmark.MeasureAsync(durable, Shapes.FanOut(tasks), quiet: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.PerSecond:N0}/s, batch {r.MeanBatch:0}, {r.PoolItemsPerTask:0.00} pool items per task, " +
                $"cpu {r.CpuMicrosPerTask:0.0} µs per task " +
                $"({r.Threads.PerTask(tasks)}); load {Goals.GoalLine.LoadAverage()}"));
        }
    }

    private static string[] Arguments()
    {
        var all = Environment.GetCommandLineArgs();
        var at = Array.FindIndex(all, a => a.Equals("engine-profile", StringComparison.OrdinalIgnoreCase));
        return at < 0 ? [] : all[(at + 1)..];
    }
}
