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
    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        var (durable, tasks, runs) = CommandArguments.Profile("engine-profile", otherSide: "memory");
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
}
