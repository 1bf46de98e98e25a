using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Engine;
using Workflow.Engine.Services;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Bench.Engine;

/// <summary>
/// Durable task completions per second of the embedded engine (SQLite WAL, synchronous=FULL, group commit) for
/// trivial tasks, against the same engine with persistence switched off (the in-memory ceiling), side by side.
/// </summary>
public static class EngineBenchmark
{
    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        Console.WriteLine($"engine benchmark: {Environment.ProcessorCount} cores, trivial code tasks, median of {Repeats} runs, " +
                          "durable = SQLite WAL + synchronous=FULL + group commit; ceiling = same engine, no store writes");
        var shapes = new (string Name, PipelineDefinition Definition)[]
        {
            ("fan-out 1k", Shapes.FanOut(1_000)),
            ("fan-out 10k", Shapes.FanOut(10_000)),
            ("chain 1k", Shapes.Chain(1_000)),
            ("chain 10k", Shapes.Chain(10_000)),
        };
        await MeasureAsync(durable: true, Shapes.FanOut(500));
        await MeasureAsync(durable: false, Shapes.FanOut(500));
        var results = new List<(string Name, int Tasks, Result Durable, Result Memory)>();
        foreach (var (name, definition) in shapes)
        {
            var durable = new List<Result>();
            var memory = new List<Result>();
            for (var i = 0; i < Repeats; i++)
            {
                durable.Add(await MeasureAsync(durable: true, definition));
                memory.Add(await MeasureAsync(durable: false, definition));
            }

            results.Add((name, definition.Tasks.Count, Median(durable), Median(memory)));
        }

        Console.WriteLine();
        Console.WriteLine($"{"dag",-12} {"tasks",6} {"durable/s",10} {"µs/task",8} {"memory/s",10} {"µs/task",8} " +
                          $"{"ratio",6} {"batch",6} {"heap MB",8}");
        foreach (var (name, tasks, durable, memory) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-12} {tasks,6} {durable.PerSecond,10:0} {durable.MicrosPerTask,8:0.0} {memory.PerSecond,10:0} " +
                $"{memory.MicrosPerTask,8:0.0} {durable.PerSecond / memory.PerSecond,6:0.00} {durable.MeanBatch,6:0.0} " +
                $"{durable.PeakHeapMb,8:0}"));
        }

        Console.WriteLine();
        foreach (var shape in new[] { "fan-out", "chain" })
        {
            var small = results.Single(r => r.Name == $"{shape} 1k").Durable.MicrosPerTask;
            var large = results.Single(r => r.Name == $"{shape} 10k").Durable.MicrosPerTask;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shape}: durable time per task at 10k / at 1k = {large / small:0.00} (1.00 = linear growth)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB"));
    }

    private const int Repeats = 3;

    /// <summary>The run with the median throughput: the machine is shared, so single runs are noisy.</summary>
    private static Result Median(List<Result> results) => results.OrderBy(r => r.PerSecond).ElementAt(results.Count / 2);

    /// <summary>
    /// One run: throughput, wall and process CPU time per task, mean operations per commit, peak heap, and the CPU
    /// time by thread role (<see cref="ThreadCpu"/>).
    /// </summary>
    /// <param name="PoolItemsPerTask">
    /// Thread-pool work items completed per task: each one can wake a pool thread, which then spins before it
    /// sleeps again, so this counts wake-ups where CPU time under load cannot be trusted.
    /// </param>
    internal sealed record Result(double PerSecond, double MicrosPerTask, double MeanBatch, double PeakHeapMb,
        double CpuMicrosPerTask, ThreadCpu Threads, double PoolItemsPerTask);

    internal static async Task<Result> MeasureAsync(bool durable, PipelineDefinition definition, bool quiet = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wf-engine-bench", Guid.NewGuid().ToString("n"));
        var services = new ServiceCollection();
        services.AddWorkflowEngine(o =>
        {
            o.DataDirectory = directory;
            o.Durable = durable;
        });
        services.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<System.Text.Json.JsonElement?>(null));
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var workflow = provider.GetRequiredService<WorkflowEngineService>();
        var writer = provider.GetRequiredService<Workflow.Engine.Runtime.WriteLoop>();
        await workflow.UpsertPipelineAsync(definition, null, "bench", CancellationToken.None);
        await Goals.JitWarmUp.QuietAsync();
        GC.Collect();
        var batchesBefore = writer.Batches;
        var opsBefore = writer.OpsApplied;
        using var sampler = new HeapSampler();
        var threads = ThreadCpu.Read();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var poolItems = ThreadPool.CompletedWorkItemCount;
        var clock = Stopwatch.StartNew();
        var run = await workflow.StartRunAsync(new StartRunRequest(definition.Id, RunTrigger.Api, "bench"),
            CancellationToken.None);
        var status = await workflow.WaitForRunAsync(run.RunId, CancellationToken.None);
        clock.Stop();
        var poolItemsUsed = ThreadPool.CompletedWorkItemCount - poolItems;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var byThread = ThreadCpu.Between(threads, ThreadCpu.Read(), cpuUsed.TotalMilliseconds);
        if (status != Execution.RunStatus.Succeeded)
        {
            throw new InvalidOperationException($"The benchmark run ended {status}.");
        }

        var tasks = definition.Tasks.Count;
        if (!quiet)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {definition.Id} durable={durable}: {clock.Elapsed.TotalMilliseconds:0} ms, writer apply " +
                $"{writer.ApplyTime.TotalMilliseconds:0} ms, commit {writer.CommitTime.TotalMilliseconds:0} ms, " +
                $"{writer.Batches - batchesBefore} batches"));
        }

        var batches = Math.Max(1, writer.Batches - batchesBefore);
        var result = new Result(tasks / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalMicroseconds / tasks,
            (writer.OpsApplied - opsBefore) / (double)batches, sampler.PeakMb, cpuUsed.TotalMicroseconds / tasks,
            byThread, poolItemsUsed / (double)tasks);
        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await provider.DisposeAsync();
        Directory.Delete(directory, recursive: true);
        return result;
    }
}
