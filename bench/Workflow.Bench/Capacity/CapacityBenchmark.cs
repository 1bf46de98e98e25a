using System.Diagnostics;
using System.Globalization;

namespace Workflow.Bench.Capacity;

/// <summary>
/// The capacity simulator: replays the users' arrival patterns through the real schedule tick and run decider under
/// virtual time, against a given worker count, and searches the smallest worker count that meets every goal.
/// <c>dotnet run -c Release --project bench/Workflow.Bench -- capacity [--workers N] [--seed N]
/// [--starts-per-second X] [--tick-seconds S] [--scenario NAME]</c>.
/// </summary>
public static class CapacityBenchmark
{
    public static void Run()
    {
        var options = CapacityOptions.Parse(Environment.GetCommandLineArgs().SkipWhile(a => a != "capacity").Skip(1));
        var wall = Stopwatch.StartNew();
        var traces = TraceFolder.Resolve();
        var shapes = JobShape.FromTraces(traces);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"capacity: seed {options.Seed}, {Environment.ProcessorCount} cores, load average " +
            $"{LoadAverage()}, traces {traces} ({shapes.Count} shapes)"));
        var startsPerSecond = options.StartsPerSecond ?? Calibrate();
        var phase = TimeSpan.FromTicks((long)(Keyed.Uniform(options.Seed, -3, 0) * options.Tick.Ticks));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host: tick every {options.Tick.TotalSeconds:0.#} s (phase {phase.TotalSeconds:0.00} s), " +
            $"{startsPerSecond:0} runs started/s, goal: every run's first task running within " +
            $"{UserLoad.StartGoal.TotalSeconds:0} s of its due time, every deadline met"));
        foreach (var workload in Workload.All(shapes, options.Seed))
        {
            if (options.Scenario is { } only && only != workload.Name)
            {
                continue;
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var runs = Arrivals(workload, options.Tick, phase);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  (tick replay {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU)"));
            FleetResult Simulate(int workers) =>
                FleetSimulator.Run(runs, workers, startsPerSecond, options.Seed, workload.From);
            FleetResult SimulateUntilLate(int workers) => FleetSimulator.Run(runs, workers, startsPerSecond,
                options.Seed, workload.From, stopAtLag: UserLoad.StartGoal.TotalSeconds);

            CapacityReport.Scenario(workload, runs.Count);
            if (options.Workers is { } given)
            {
                CapacityReport.Result("given", Simulate(given));
            }

            // Two searches side by side, one per core: every goal, and the deadlines alone (what the start goal costs).
            var unbounded = Simulate(int.MaxValue);
            CapacityReport.Result("unbounded", unbounded);
            // The every-goal search stops a simulation at the first late start: most of its probes fail that way early.
            var every = Task.Run(() => WorkerSearch.Find(SimulateUntilLate, r => r.MeetsGoals, unbounded, options.Tolerance));
            // The deadlines-only count is the comparison (what the start goal costs), so it is found to a coarser
            // tolerance: it is the slower search, since a missed deadline shows only at the end of a simulation.
            var deadlines = Task.Run(() => WorkerSearch.Find(Simulate, r => r.MeetsDeadlines, unbounded,
                Math.Max(options.Tolerance, DeadlinesTolerance)));
            CapacityReport.Search("every goal", every.GetAwaiter().GetResult(), options.Tolerance);
            CapacityReport.Search("deadlines only", deadlines.GetAwaiter().GetResult(),
                Math.Max(options.Tolerance, DeadlinesTolerance));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {wall.Elapsed.TotalSeconds:0.0} s wall, " +
            $"{Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s CPU, load average {LoadAverage()}"));
    }

    /// <summary>The tolerance of the deadlines-only search, unless <c>--tolerance</c> asks for a coarser one.</summary>
    private const double DeadlinesTolerance = 0.05;

    /// <summary>
    /// Measures runs started/s on the real engine with 100 runs, predicts the 750-run peak from it, measures that peak
    /// too (P5's instant), and hands the peak's rate to the simulator.
    /// </summary>
    private static double Calibrate()
    {
        StartProbe.Measure(20, print: false); // warms the engine's code paths up, so the 100-run rate is not JIT time
        var small = StartProbe.Measure(100);
        var peak = StartProbe.Measure(UserLoad.MondayPeak);
        var predicted = UserLoad.MondayPeak / small.StartsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agreement: {UserLoad.MondayPeak} first tasks running predicted from the 100-run start rate after " +
            $"{predicted:0.00} s, measured {peak.AllFirstTasksRunning.TotalSeconds:0.00} s (measured / predicted " +
            $"{peak.AllFirstTasksRunning.TotalSeconds / predicted:0.00}); the simulator uses the {UserLoad.MondayPeak}-run rate"));
        return peak.StartsPerSecond;
    }

    /// <summary>The runs of a workload: those the real tick starts, then the queued ones, by ready time.</summary>
    private static List<RunSpec> Arrivals(Workload workload, TimeSpan tick, TimeSpan phase)
    {
        var started = TickReplay.Run(workload.Pipelines, workload.From, workload.Until, tick, phase);
        return
        [
            .. started.Select(s => new RunSpec(s.RunId, workload.Jobs[s.PipelineId], s.Due, s.TickAt))
                .Concat(workload.Queued.Select(q => new RunSpec(q.RunId, q.Job, q.At, q.At)))
                .OrderBy(r => r.Ready).ThenBy(r => r.RunId, StringComparer.Ordinal),
        ];
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

}
