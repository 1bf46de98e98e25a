using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Bench.Goals;
using Workflow.Engine.Alerts;
using Workflow.Model;
using Workflow.Sla.Backlog;

namespace Workflow.Bench.Sla;

/// <summary>
/// What one queue-backlog poll costs with many pipelines, of which few drain queues: the pipelines read as the poll
/// read them before the drain index (every pipeline listed, each one's tasks looked through) and as it reads them
/// now (<see cref="IDrainingPipelines"/>), side by side in one engine, both with every definition already parsed;
/// then the whole poll (<see cref="QueueBacklogService.CheckAsync"/>). Reports process CPU per poll.
/// </summary>
public static class BacklogPollBenchmark
{
    private const int Pipelines = 14_000;
    private const int DrainEvery = 100;
    private const int Polls = 40;

    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        await using var host = await BenchHost.StartAsync(null, schedulerRunning: false,
            s => s.AddWorkflowAlerts(o => o.MonitorPollInterval = TimeSpan.FromDays(1)));
        await host.UpsertAsync(Enumerable.Range(0, Pipelines).Select(Define));
        var index = host.Services.GetRequiredService<IDrainingPipelines>();
        var backlog = host.Services.GetRequiredService<QueueBacklogService>();
        var defaults = BacklogThresholds.Default;

        async Task<int> EveryPipelineAsync()
        {
            var watched = 0;
            foreach (var pipeline in await host.Workflow.ListPipelinesAsync(CancellationToken.None))
            {
                watched += pipeline.Definition.Enabled ? WatchedQueues.Of(pipeline.Definition, defaults).Count() : 0;
            }

            return watched;
        }

        async Task<int> IndexAsync() =>
            (await index.ListDrainingAsync(CancellationToken.None)).Sum(d => WatchedQueues.Of(d, defaults).Count());

        async Task<int> WholePollAsync()
        {
            await backlog.CheckAsync(CancellationToken.None);
            return 0;
        }

        Console.WriteLine($"backlog poll benchmark: {Environment.ProcessorCount} cores, load {GoalLine.LoadAverage()}, " +
                          $"{Pipelines} pipelines of 5 tasks, 1 in {DrainEvery} drains a queue; {Polls} polls each, " +
                          "after one to parse");
        var before = await MeasureAsync(EveryPipelineAsync);
        var after = await MeasureAsync(IndexAsync);
        var whole = await MeasureAsync(WholePollAsync);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read the pipelines, every one listed: {before.CpuMs:0.00} ms CPU per poll ({before.Watched} queues)\n" +
            $"read the pipelines, drain index:      {after.CpuMs:0.00} ms CPU per poll ({after.Watched} queues)\n" +
            $"ratio before / after: {before.CpuMs / after.CpuMs:0.0}\n" +
            $"whole poll with the index (queues sampled, decider): {whole.CpuMs:0.00} ms CPU per poll; load {GoalLine.LoadAverage()}"));
    }

    private static async Task<(double CpuMs, int Watched)> MeasureAsync(Func<Task<int>> poll)
    {
        var watched = await poll();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var start = process.TotalProcessorTime;
        for (var i = 0; i < Polls; i++)
        {
            await poll();
        }

        process.Refresh();
        return ((process.TotalProcessorTime - start).TotalMilliseconds / Polls, watched);
    }

    private static PipelineDefinition Define(int i)
    {
        var tasks = Enumerable.Range(0, 5).Select(t => new TaskDefinition
        {
            Id = $"t{t}",
            Kind = "code",
            Config = JsonSerializer.SerializeToElement(new { handler = "noop" }),
            DependsOn = t == 0 ? [] : [$"t{t - 1}"],
        }).ToList();
        if (i % DrainEvery == 0)
        {
            tasks[0] = new TaskDefinition
            {
                Id = "t0",
                Kind = "queue-drain",
                Config = JsonSerializer.SerializeToElement(new { queue = $"queue-{i}", handler = "noop" }),
            };
        }

        return new PipelineDefinition { Id = $"p{i:D5}", OwnerGroup = "bench", Tasks = tasks };
    }
}
