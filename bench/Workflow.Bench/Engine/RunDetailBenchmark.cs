using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Engine;
using Workflow.Engine.Services;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Bench.Engine;

/// <summary>
/// <c>run-detail [tasks] [reads]</c>: what one read of a running run's detail (<c>GET /api/runs/{id}</c>) costs when
/// its tasks wait in the decider (delays: their state is only in the run's events), side by side with the same
/// number of tasks that wait for a worker (their state is in the attempt rows). Both runs go on while they are read;
/// the ratio is the price of reading the decider's state.
/// </summary>
internal static class RunDetailBenchmark
{
    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        var rest = CommandArguments.After("run-detail");
        var tasks = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 5_000;
        var reads = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 20;
        var directory = Path.Combine(Path.GetTempPath(), "wf-run-detail-bench", Guid.NewGuid().ToString("n"));
        var release = new TaskCompletionSource();
        var services = new ServiceCollection();
        services.AddWorkflowEngine(o => o.DataDirectory = directory);
        services.AddCodeHandler("hold", async (_, _, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return (JsonElement?)null;
        });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var workflow = provider.GetRequiredService<WorkflowEngineService>();
            var delays = await StartAsync(workflow, Waiting("waits-in-decider", tasks, "delay",
                JsonSerializer.SerializeToElement(new { duration = "1h" })));
            var held = await StartAsync(workflow, Waiting("waits-for-worker", tasks, "code",
                JsonSerializer.SerializeToElement(new { handler = "hold" })));
            await UntilAsync(workflow, delays, t => t.Status == Execution.TaskStatus.Running, tasks);
            Console.WriteLine($"run-detail: {tasks:N0} waiting tasks per run, {reads} reads each, " +
                              $"load {Goals.GoalLine.LoadAverage()}");
            var (decider, workers) = await ReadAsync(workflow, delays, held, reads);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  delays waiting in the decider: {decider.Wall:0.0} ms per read, cpu {decider.Cpu:0.0} ms\n" +
                $"  tasks waiting for a worker:    {workers.Wall:0.0} ms per read, cpu {workers.Cpu:0.0} ms\n" +
                $"  ratio {decider.Cpu / workers.Cpu:0.00} (cpu); load {Goals.GoalLine.LoadAverage()}"));
        }
        finally
        {
            release.TrySetResult();
            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(CancellationToken.None);
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static PipelineDefinition Waiting(string id, int tasks, string kind, JsonElement config) => new()
    {
        Id = id,
        OwnerGroup = "bench",
        Tasks = [.. Enumerable.Range(0, tasks).Select(i => new TaskDefinition { Id = $"w{i}", Kind = kind, Config = config })],
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = tasks },
    };

    private static async Task<string> StartAsync(WorkflowEngineService workflow, PipelineDefinition definition)
    {
        await workflow.UpsertPipelineAsync(definition, null, "bench", CancellationToken.None);
        var run = await workflow.StartRunAsync(new StartRunRequest(definition.Id, RunTrigger.Api, "bench"),
            CancellationToken.None);
        return run.RunId;
    }

    private static async Task UntilAsync(WorkflowEngineService workflow, string runId,
        Func<TaskInstanceRecord, bool> ready, int count)
    {
        var clock = Stopwatch.StartNew();
        while ((await workflow.GetRunAsync(runId, CancellationToken.None))!.Tasks.Count(ready) < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"Run {runId} did not reach {count} waiting tasks in 2 minutes.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Wall and process CPU per read of each run, the two read in turn (so that both meet the same JIT and load),
    /// after ten reads of each that are not counted.
    /// </summary>
    private static async Task<((double Wall, double Cpu) First, (double Wall, double Cpu) Second)> ReadAsync(
        WorkflowEngineService workflow, string first, string second, int reads)
    {
        for (var i = 0; i < 10; i++)
        {
            await workflow.GetRunAsync(first, CancellationToken.None);
            await workflow.GetRunAsync(second, CancellationToken.None);
        }

        var totals = new (TimeSpan Wall, TimeSpan Cpu)[2];
        for (var i = 0; i < reads; i++)
        {
            for (var side = 0; side < 2; side++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await workflow.GetRunAsync(side == 0 ? first : second, CancellationToken.None);
                totals[side].Wall += clock.Elapsed;
                totals[side].Cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
            }
        }

        return (PerRead(totals[0]), PerRead(totals[1]));
        (double, double) PerRead((TimeSpan Wall, TimeSpan Cpu) t) =>
            (t.Wall.TotalMilliseconds / reads, t.Cpu.TotalMilliseconds / reads);
    }
}
