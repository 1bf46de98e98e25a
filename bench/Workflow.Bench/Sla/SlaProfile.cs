using System.Globalization;
using Workflow.Bench.Engine;
using Workflow.Model;

namespace Workflow.Bench.Sla;

/// <summary>
/// <c>sla-profile [with|without] [tasks] [runs]</c>: one side of P10, the fan-out with a deadline run again and
/// again in one process (after warm-up runs), each line with its wall time, process CPU by thread role and managed
/// allocation. For attaching a profiler to the monitored side alone (<c>perf record -p</c>).
/// </summary>
internal static class SlaProfile
{
    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        var (alerts, tasks, runs) = CommandArguments.Profile("sla-profile", otherSide: "without");
        var deadline = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromDays(1) } };
        var definition = Shapes.FanOut(tasks) with { Sla = deadline };
        for (var i = 0; i < 3; i++)
        {
            await SlaPersistenceBenchmark.MeasureAsync(alerts, definition);
        }

        Console.WriteLine($"sla-profile: {(alerts ? "with" : "without")} alerts, {tasks:N0}-task fan-out with a " +
                          $"deadline, {runs} runs, pid {Environment.ProcessId}, load {Goals.GoalLine.LoadAverage()}");
        for (var i = 0; i < runs; i++)
        {
            var r = await SlaPersistenceBenchmark.MeasureAsync(alerts, definition);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {r.RunMs:0} ms, monitor done +{r.MonitorDoneMs - r.RunMs:0} ms, cpu {r.CpuMs:0} ms " +
                $"({string.Join(", ", ThreadCpu.Roles.Select(role => $"{role} {r.Threads!.Ms[role]:0}"))}), " +
                $"waiting for a CPU ({string.Join(", ", Waits(r.Threads!))}), " +
                $"allocated {r.AllocatedMb:0} MB, GCs gen0/1/2 {string.Join('/', r.Collections!)}; " +
                $"load {Goals.GoalLine.LoadAverage()}"));
        }
    }

    /// <summary>Each thread role's time runnable but waiting for a CPU.</summary>
    private static IEnumerable<string> Waits(ThreadCpu threads) =>
        ThreadCpu.Roles.Select(role => $"{role} {threads.WaitMs[role]:0}");
}
