using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Workflow.Bench.Engine;
using Workflow.Bench.Goals;
using Workflow.Engine.Runtime;
using Workflow.Engine.Services;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Bench.Dispatch;

/// <summary>
/// What a big slot-limited run's start costs every other run in the embedded engine: the latency of small runs'
/// starts (each awaited until committed, one after another) while a 10k-task layered run with 16 slots starts (a
/// plan that spends its whole budget), with its dispatch planned on the writer (a <see cref="RunCreation"/> without
/// keys: the decider plans) and planned on the calling thread first (<see cref="RunCreation.Planned"/>, as the
/// engine's run commands do), alternately in one process on one durable engine; and the writer thread's CPU time
/// for the big start, which does not depend on the machine's load as the latencies do.
/// </summary>
public static class StartPlanningBenchmark
{
    private const int Rounds = 5;
    private const int BigTasks = 10_000;
    private const int Slots = 16;

    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        await using var host = await BenchHost.StartAsync(clock: null, schedulerRunning: false);
        var workflow = host.Workflow;
        var writer = host.Writer;
        var noop = JsonSerializer.SerializeToElement(new { handler = "noop" });
        var layered = DispatchShapes.Layered(BigTasks, seed: 7);
        var big = (await workflow.UpsertPipelineAsync(layered with
        {
            Id = "big",
            Tasks = [.. layered.Tasks.Select(t => t with { Kind = "code", Config = noop })],
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = Slots },
        }, null, "bench", CancellationToken.None)).Definition;
        var small = new PipelineDefinition
        {
            Id = "small",
            OwnerGroup = "bench",
            Tasks = [new TaskDefinition { Id = "only", Kind = "code", Config = noop }],
            Concurrency = new ConcurrencyPolicy { Overlap = OverlapPolicy.Allow },
        };
        await workflow.UpsertPipelineAsync(small, null, "bench", CancellationToken.None);

        Console.WriteLine($"start-planning: {Environment.ProcessorCount} cores, load {Load()}; a {BigTasks}-task " +
                          $"layered run with {Slots} slots starts while small runs start one after another");
        Console.WriteLine("plan ms: planning on the caller; writer cpu: the writer thread's CPU time from the big " +
                          "start's post to its commit; start ms: that wall time; small starts: those overlapping it");
        Console.WriteLine($"{"planned",-8} {"round",5} {"plan ms",8} {"writer cpu",10} {"start ms",9} " +
                          $"{"small starts",12} {"p50 ms",7} {"max ms",7}");
        var results = new Dictionary<bool, List<Window>> { [true] = [], [false] = [] };
        for (var round = 0; round <= Rounds; round++)
        {
            foreach (var offWriter in new[] { false, true })
            {
                var window = await MeasureAsync(workflow, writer, big, offWriter, $"big-{round}-{offWriter}");
                if (round > 0)
                {
                    results[offWriter].Add(window);
                    Print(offWriter ? "caller" : "writer", round, window);
                }
            }
        }

        Summarize("worst small-run start", w => w.MaxMs, results);
        Summarize("writer CPU time", w => w.WriterCpuMs, results);
    }

    /// <summary>Small runs' start latencies that overlap the big run's start, planned where asked.</summary>
    private sealed record Window(double PlanMs, double WriterCpuMs, double StartMs, List<double> SmallMs)
    {
        public double MaxMs => SmallMs.Count == 0 ? 0 : SmallMs.Max();

        public double MedianMs => SmallMs.Count == 0 ? 0 : SmallMs.Order().ElementAt(SmallMs.Count / 2);
    }

    private static async Task<Window> MeasureAsync(WorkflowEngineService workflow, WriteLoop writer,
        PipelineDefinition big, bool offWriter, string runId)
    {
        var latencies = new List<double>();
        using var stop = new CancellationTokenSource();
        var starting = 0L;
        var smalls = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                var during = Volatile.Read(ref starting) != 0;
                await workflow.StartRunAsync(new StartRunRequest("small", RunTrigger.Api, "bench"),
                    CancellationToken.None);
                if (during || Volatile.Read(ref starting) != 0)
                {
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        });
        await Task.Delay(200);
        var creation = new RunCreation(runId, big, RunTrigger.Api, "bench", null, DateTimeOffset.UnixEpoch);
        Interlocked.Exchange(ref starting, 1);
        var plan = Stopwatch.StartNew();
        var op = new StartRunOp(offWriter ? await Task.Run(creation.Planned) : creation);
        var planMs = plan.Elapsed.TotalMilliseconds;
        var written = Stopwatch.StartNew();
        var threads = ThreadCpu.Read();
        writer.Post(op);
        await op.Result;
        var startMs = written.Elapsed.TotalMilliseconds;
        var writerCpuMs = ThreadCpu.Between(threads, ThreadCpu.Read(), 0).Ms[ThreadCpu.Writer];
        await Task.Delay(100);
        Interlocked.Exchange(ref starting, 0);
        await stop.CancelAsync();
        await smalls;
        await workflow.CancelRunAsync(runId, "bench", "measured", CancellationToken.None);
        await workflow.WaitForRunAsync(runId, CancellationToken.None);
        return new Window(offWriter ? planMs : 0, writerCpuMs, startMs, latencies);
    }

    private static void Print(string planned, int round, Window w) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{planned,-8} {round,5} {w.PlanMs,8:0} {w.WriterCpuMs,10:0} {w.StartMs,9:0} {w.SmallMs.Count,12} " +
            $"{w.MedianMs,7:0.0} " +
            $"{w.MaxMs,7:0.0}"));

    private static void Summarize(string what, Func<Window, double> measure, Dictionary<bool, List<Window>> results)
    {
        var before = results[false].Select(measure).Order().ElementAt(Rounds / 2);
        var after = results[true].Select(measure).Order().ElementAt(Rounds / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {what} while the big run starts: planned on the writer {before:0} ms, planned on the caller " +
            $"{after:0} ms, ratio {after / before:0.00}; load {Load()}"));
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
