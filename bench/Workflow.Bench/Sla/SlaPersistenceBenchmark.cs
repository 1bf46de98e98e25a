using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Bench.Engine;
using Workflow.Engine;
using Workflow.Engine.Alerts;
using Workflow.Engine.Runtime;
using Workflow.Engine.Services;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Bench.Sla;

/// <summary>
/// What saving SLA monitors in the engine's database costs: the same trivial runs with the alert services (one
/// monitor per run, saved after each round of the monitor loop) and without them, side by side. Reports the run's
/// wall time, the time until the monitor has also finished, and the writer's extra operations.
/// </summary>
public static class SlaPersistenceBenchmark
{
    private const int Repeats = 3;

    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        Console.WriteLine($"sla persistence benchmark: {Environment.ProcessorCount} cores, trivial code tasks, " +
                          $"median of {Repeats} runs; with = AddWorkflowAlerts (monitors saved), without = engine only");
        var shapes = new[] { Shapes.FanOut(1_000), Shapes.Chain(1_000), Shapes.FanOut(5_000) };
        await MeasureAsync(alerts: true, Shapes.FanOut(200));
        Console.WriteLine($"{"dag",-12} {"tasks",6} {"without ms",10} {"with ms",8} {"ratio",6} {"monitor done ms",15} " +
                          $"{"extra writes",12}");
        foreach (var definition in shapes)
        {
            var without = new List<Result>();
            var with = new List<Result>();
            for (var i = 0; i < Repeats; i++)
            {
                without.Add(await MeasureAsync(alerts: false, definition));
                with.Add(await MeasureAsync(alerts: true, definition));
            }

            var a = Median(without);
            var b = Median(with);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{definition.Id,-12} {definition.Tasks.Count,6} {a.RunMs,10:0} {b.RunMs,8:0} {b.RunMs / a.RunMs,6:0.00} " +
                $"{b.MonitorDoneMs,15:0} {b.WriterOps - a.WriterOps,12}"));
        }
    }

    private static Result Median(List<Result> results) => results.OrderBy(r => r.RunMs).ElementAt(results.Count / 2);

    /// <summary>
    /// Wall times of the run and of the monitor's end, the writer's ops, and process CPU and managed allocation
    /// until both ended (allocation, unlike time, does not move with the machine's load).
    /// </summary>
    internal sealed record Result(double RunMs, double MonitorDoneMs, long WriterOps, double CpuMs = 0,
        double AllocatedMb = 0, ThreadCpu? Threads = null, int[]? Collections = null);

    /// <summary>Garbage collections so far, by generation.</summary>
    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    internal static async Task<Result> MeasureAsync(bool alerts, PipelineDefinition definition)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wf-sla-bench", Guid.NewGuid().ToString("n"));
        var services = new ServiceCollection();
        services.AddWorkflowEngine(o => o.DataDirectory = directory);
        if (alerts)
        {
            // The default settings. The monitor wakes on each observation, not on the poll; a 20 ms poll (used
            // before) made the queue-backlog check read every pipeline, this 10k-task one too, 50 times a second.
            services.AddWorkflowAlerts();
        }

        services.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<System.Text.Json.JsonElement?>(null));
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var workflow = provider.GetRequiredService<WorkflowEngineService>();
        var writer = provider.GetRequiredService<WriteLoop>();
        await workflow.UpsertPipelineAsync(definition, null, "bench", CancellationToken.None);
        await Goals.JitWarmUp.QuietAsync();
        var opsBefore = writer.OpsApplied;
        var threadsBefore = ThreadCpu.Read();
        var collectionsBefore = Collections();
        var cpuBefore = Goals.Usage.ProcessCpu();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var run = await workflow.StartRunAsync(new StartRunRequest(definition.Id, RunTrigger.Api, "bench"),
            CancellationToken.None);
        await workflow.WaitForRunAsync(run.RunId, CancellationToken.None);
        var runMs = clock.Elapsed.TotalMilliseconds;
        if (alerts)
        {
            var monitors = provider.GetRequiredService<SlaMonitorService>();
            var deadline = Stopwatch.StartNew();
            while (monitors.ActiveMonitors > 0 && deadline.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(5);
            }

            // A monitor loop that died would count as "done" at once; such a figure must not be printed.
            if (monitors.ExecuteTask is { IsCompleted: true } stopped)
            {
                throw new InvalidOperationException("The SLA monitor service's loop stopped during the run.",
                    stopped.Exception);
            }
        }

        var doneMs = clock.Elapsed.TotalMilliseconds;
        var cpuMs = (Goals.Usage.ProcessCpu() - cpuBefore).TotalMilliseconds;
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6;
        var threads = ThreadCpu.Between(threadsBefore, ThreadCpu.Read(), cpuMs);
        var collections = Collections().Zip(collectionsBefore, (after, before) => after - before).ToArray();
        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        var ops = writer.OpsApplied - opsBefore;
        await provider.DisposeAsync();
        Directory.Delete(directory, recursive: true);
        return new Result(runMs, doneMs, ops, cpuMs, allocatedMb, threads, collections);
    }
}
