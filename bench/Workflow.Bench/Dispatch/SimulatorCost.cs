using System.Diagnostics;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Simulation;

namespace Workflow.Bench.Dispatch;

/// <summary>
/// The simulator's own cost: whole simulated runs (random DAGs, upward rank, 16 workers) timed end to end, with the
/// decider's time (<see cref="SimulationReport.DeciderTime"/>) taken out, so what remains is the simulated shell:
/// its agenda, pools, timers and sampling. Sizes are measured interleaved, best of 5 rounds after a warm-up.
/// </summary>
public static class SimulatorCost
{
    public static void Run()
    {
        Console.WriteLine("simulator time per event, the decider's taken out: whole runs (upward rank, 16 workers),");
        Console.WriteLine("best of 5 interleaved rounds after a warm-up");
        int[] sizes = [1_000, 10_000];
        var definitions = sizes.ToDictionary(n => n, n => DispatchShapes.Random(n, 1) with
        {
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 16 },
        });
        var options = new SimulationOptions { DefaultWorkers = 16, Dispatch = DispatchPolicy.UpwardRank };
        var shell = sizes.ToDictionary(n => n, _ => double.MaxValue);
        var whole = sizes.ToDictionary(n => n, _ => double.MaxValue);
        foreach (var n in sizes)
        {
            RunSimulator.Run(definitions[n], options);
        }

        for (var round = 0; round < 5; round++)
        {
            foreach (var n in sizes)
            {
                var repeats = 20_000 / n;
                var decider = TimeSpan.Zero;
                var events = 0;
                var watch = Stopwatch.StartNew();
                for (var r = 0; r < repeats; r++)
                {
                    var report = RunSimulator.Run(definitions[n], options);
                    decider += report.DeciderTime;
                    events += report.Events;
                }

                var elapsed = watch.Elapsed;
                whole[n] = Math.Min(whole[n], elapsed.TotalMicroseconds / events);
                shell[n] = Math.Min(shell[n], (elapsed - decider).TotalMicroseconds / events);
            }
        }

        foreach (var n in sizes)
        {
            Console.WriteLine(
                $"  {n,6} tasks: {shell[n],7:F2} us simulator, {whole[n],7:F2} us with the decider, per event");
        }
    }
}
