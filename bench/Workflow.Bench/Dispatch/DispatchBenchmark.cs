using System.Diagnostics;
using System.Globalization;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Simulation;

namespace Workflow.Bench.Dispatch;

/// <summary>
/// Compares dispatch policies side by side: the same DAGs, the same sampled durations and the same worker
/// counts, simulated under virtual time with the real decider. Prints makespan / lower bound per policy
/// (1.00 is optimal), then the decider's own time per task at 1k and 10k tasks.
/// </summary>
public static class DispatchBenchmark
{
    private static readonly DispatchPolicy[] Policies =
        [DispatchPolicy.Fifo, DispatchPolicy.DownstreamCount, DispatchPolicy.UpwardRank, DispatchPolicy.Simulated];

    public static void Run()
    {
        var rows = new List<double[]>();
        Console.WriteLine("dispatch: makespan / lower bound, lower bound = max(critical path, work / workers)");
        Console.WriteLine("synthetic DAGs: log-normal durations (sigma 1) as estimates, actual = estimate x log-normal(0.3)");
        Console.WriteLine("traces: WfFormat runtimeInSeconds as both estimate and actual duration");
        Console.WriteLine();
        Console.WriteLine($"| {"DAG",-44} | {"tasks",6} | {"workers",7} | {"bound (s)",10} | {"FIFO",6} | {"downstream",10} | {"upward rank",11} | {"simulated",9} |");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', 8)}|{new string('-', 9)}|{new string('-', 12)}|{new string('-', 8)}|{new string('-', 12)}|{new string('-', 13)}|{new string('-', 11)}|");
        foreach (var n in new[] { 100, 1_000, 10_000 })
        {
            foreach (var (shape, make) in new (string, Func<int, int, PipelineDefinition>)[]
                     {
                         ("layered", DispatchShapes.Layered), ("fork-join", DispatchShapes.ForkJoin),
                         ("random", DispatchShapes.Random),
                     })
            {
                var definition = make(n, 42);
                foreach (var workers in new[] { 4, 32 })
                {
                    rows.Add(Compare($"{shape}-{n}", definition, workers, DurationModel.LogNormal));
                }
            }
        }

        if (WfTrace.Folder() is { } folder)
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var definition = WfTrace.Load(file);
                foreach (var workers in new[] { 4, 32 })
                {
                    rows.Add(Compare(definition.Id, definition, workers, DurationModel.Exact));
                }
            }
        }
        else
        {
            Console.WriteLine("(no trace folder: set WORKFLOW_TRACES to a folder of WfFormat JSON files)");
        }

        Summarize(rows);
        DeciderCost();
    }

    private static double[] Compare(string name, PipelineDefinition definition, int workers, DurationModel model)
    {
        var limited = definition with { Concurrency = new ConcurrencyPolicy { MaxParallelTasks = workers } };
        var reports = Policies.Select(p => RunSimulator.Run(limited, new SimulationOptions
        {
            Seed = 7,
            DefaultWorkers = workers,
            Dispatch = p,
            DurationModel = model,
            Spread = 0.3,
        })).ToArray();
        if (reports.Any(r => r.Status != RunStatus.Succeeded))
        {
            throw new InvalidOperationException($"A simulated run of {name} did not succeed.");
        }

        var ratios = reports.Select(r => r.Ratio).ToArray();
        var best = ratios.Min();
        string Cell(double r, int width) =>
            (r <= best + 1e-9 ? "*" : "") + r.ToString("F3", CultureInfo.InvariantCulture).PadLeft(width - (r <= best + 1e-9 ? 1 : 0));
        Console.WriteLine($"| {name,-44} | {definition.Tasks.Count,6} | {workers,7} | " +
            $"{reports[^1].LowerBound.TotalSeconds,10:F0} | {Cell(ratios[0], 6)} | {Cell(ratios[1], 10)} | {Cell(ratios[2], 11)} | {Cell(ratios[3], 9)} |");
        return ratios;
    }

    private static void Summarize(List<double[]> rows)
    {
        Console.WriteLine();
        Console.WriteLine("* marks the best policy of a row (ties all marked).");
        for (var p = 0; p < Policies.Length; p++)
        {
            var geomean = Math.Exp(rows.Average(r => Math.Log(r[p])));
            var bestOrTied = rows.Count(r => r[p] <= r.Min() + 1e-9);
            var worst = rows.Max(r => r[p]);
            Console.WriteLine($"{Policies[p],-16} geometric mean {geomean:F3}   worst {worst:F3}   best or tied in {bestOrTied}/{rows.Count}");
        }
    }

    /// <summary>
    /// Replays the recorded events of a whole simulated run through the decider alone. Sizes are measured
    /// interleaved, several rounds, keeping each size's best, with both wall-clock and process CPU time so that
    /// other load on the machine shows up as a gap between the two rather than as a wrong ratio.
    /// </summary>
    private static void DeciderCost()
    {
        Console.WriteLine();
        Console.WriteLine("decider time per task: replay of every event of a whole run (upward rank, 16 workers),");
        Console.WriteLine("best of 5 interleaved rounds after a warm-up");
        int[] sizes = [1_000, 10_000];
        var events = sizes.ToDictionary(n => n, Record);
        var wall = sizes.ToDictionary(n => n, _ => double.MaxValue);
        var cpu = sizes.ToDictionary(n => n, _ => double.MaxValue);
        foreach (var n in sizes)
        {
            Replay(events[n]);
        }

        for (var round = 0; round < 5; round++)
        {
            foreach (var n in sizes)
            {
                var repeats = 20_000 / n;
                var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                for (var r = 0; r < repeats; r++)
                {
                    Replay(events[n]);
                }

                wall[n] = Math.Min(wall[n], watch.Elapsed.TotalMicroseconds / (repeats * n));
                var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
                cpu[n] = Math.Min(cpu[n], cpuTime.TotalMicroseconds / (repeats * n));
            }
        }

        foreach (var n in sizes)
        {
            Console.WriteLine($"  {n,6} tasks, {events[n].Count,6} events: {wall[n],7:F2} us wall, {cpu[n],7:F2} us CPU per task");
        }

        Console.WriteLine($"  ratio 10k/1k per task: wall {wall[10_000] / wall[1_000]:F2}, CPU {cpu[10_000] / cpu[1_000]:F2} " +
            "(1 = linear, 10 = quadratic)");
    }

    private static List<RunEvent> Record(int n)
    {
        var definition = DispatchShapes.Random(n, 1) with { Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 16 } };
        var events = new List<RunEvent>();
        var report = RunSimulator.Run(definition, new SimulationOptions { DefaultWorkers = 16 }, (e, _) => events.Add(e));
        return report.Status == RunStatus.Succeeded
            ? events
            : throw new InvalidOperationException($"The {n}-task run did not succeed.");
    }

    private static void Replay(List<RunEvent> events)
    {
        var state = RunDecider.Initial;
        foreach (var e in events)
        {
            state = RunDecider.Decide(state, e).State;
        }

        if (state.Status != RunStatus.Succeeded)
        {
            throw new InvalidOperationException("The replay did not end like the recorded run.");
        }
    }
}
