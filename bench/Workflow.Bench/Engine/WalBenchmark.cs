using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Engine;
using Workflow.Engine.Runtime;
using Workflow.Engine.Services;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Bench.Engine;

/// <summary>
/// <c>wal [tasks] [rounds] [tasks-per-run]</c>: a long-running host's commit latency across many WAL checkpoints.
/// Fan-out runs of trivial tasks (1,000 each unless given, four in flight) on ONE SQLite file until <c>tasks</c>
/// tasks have run (200,000 unless given), once with SQLite's auto-checkpoint on the commit thread (the old
/// behaviour) and once with the background checkpointer, alternating for <c>rounds</c> rounds, a fresh engine each.
/// The other benchmarks use a fresh file per run and never reach a checkpoint, so only this one shows what a
/// checkpoint costs the commits. <c>commit s</c> is the commit thread's
/// time in commits (with the auto-checkpoint, its checkpoints are inside it); <c>bg ckpt</c> and <c>commit ckpt</c>
/// count the background's checkpoints and the commit thread's past the WAL's limit (the auto-checkpoint's are not
/// counted: SQLite does not tell); <c>restarts</c> is how many times the WAL was written from its beginning again.
/// </summary>
internal static class WalBenchmark
{
    private const int RunsInFlight = 4;

    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        var args = CommandArguments.After("wal");
        var tasks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var tasksPerRun = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
        Console.WriteLine($"wal: {tasks:N0} tasks per side in {tasksPerRun}-task fan-outs, {RunsInFlight} runs in " +
                          $"flight, one file per side, {rounds} round(s), {Environment.ProcessorCount} cores; " +
                          "commit = one batch's transaction (and any checkpoint it ran)");
        Console.WriteLine($"{"side",-10} {"tasks/s",8} {"cpu µs/task",11} {"batches",8} {"p50 ms",7} {"p99 ms",7} " +
                          $"{"max ms",8} {"commit s",8} {"bg ckpt",7} {"commit ckpt",16} {"restarts",8} {"max wal MB",10} {"db MB",6}  load");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var background in new[] { false, true })
            {
                Console.WriteLine(await MeasureAsync(background, tasks, tasksPerRun));
            }
        }
    }

    private static async Task<string> MeasureAsync(bool background, int tasks, int tasksPerRun)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wf-wal-bench", Guid.NewGuid().ToString("n"));
        var services = new ServiceCollection();
        services.AddWorkflowEngine(o =>
        {
            o.DataDirectory = directory;
            o.BackgroundWalCheckpoints = background;
        });
        services.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<JsonElement?>(null));
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var workflow = provider.GetRequiredService<WorkflowEngineService>();
        var engine = provider.GetRequiredService<EngineRuntime>();
        var definition = Shapes.FanOut(tasksPerRun);
        definition.Concurrency = definition.Concurrency with { Overlap = OverlapPolicy.Allow };
        await workflow.UpsertPipelineAsync(definition, null, "bench", CancellationToken.None);
        await RunOneAsync(workflow, definition);
        var wal = new FileInfo(Path.Combine(directory, "workflow.db-wal"));
        long maxWal = 0;
        engine.Writer.CommitLatency.Reset();
        var batches = engine.Writer.Batches;
        var commitTime = engine.Writer.CommitTime;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var runs = tasks / tasksPerRun;
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, RunsInFlight).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var n && n <= runs)
            {
                await RunOneAsync(workflow, definition);
                if (n % Math.Max(1, runs / 10) == 0)
                {
                    Console.Error.WriteLine($"  {n * tasksPerRun:N0} tasks, {clock.Elapsed.TotalSeconds:0} s");
                }

                wal.Refresh();
                InterlockedMax(ref maxWal, wal.Exists ? wal.Length : 0);
            }
        }));
        clock.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var latency = engine.Writer.CommitLatency;
        var checkpoints = engine.Checkpoints;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{(background ? "background" : "on commit"),-10} {runs * tasksPerRun / clock.Elapsed.TotalSeconds,8:N0} " +
            $"{cpuUsed.TotalMicroseconds / (runs * tasksPerRun),11:0.0} {engine.Writer.Batches - batches,8} " +
            $"{latency.Percentile(0.5).TotalMilliseconds,7:0.00} {latency.Percentile(0.99).TotalMilliseconds,7:0.00} " +
            $"{latency.Max.TotalMilliseconds,8:0.0} {(engine.Writer.CommitTime - commitTime).TotalSeconds,8:0.0} " +
            $"{checkpoints.BackgroundCheckpoints,7} {checkpoints.CommitThreadCheckpoints,5} in " +
            $"{checkpoints.CommitThreadCheckpointTime.TotalSeconds,4:0.00} s {WalRestarts(wal.FullName),8} " +
            $"{maxWal / 1048576.0,10:0.0} " +
            $"{new FileInfo(Path.Combine(directory, "workflow.db")).Length / 1048576.0,6:0}  " +
            $"{Goals.GoalLine.LoadAverage()}");
        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await provider.DisposeAsync();
        Directory.Delete(directory, recursive: true);
        return line;
    }

    private static async Task RunOneAsync(WorkflowEngineService workflow, PipelineDefinition definition)
    {
        var run = await workflow.StartRunAsync(new StartRunRequest(definition.Id, RunTrigger.Api, "bench"),
            CancellationToken.None);
        var status = await workflow.WaitForRunAsync(run.RunId, CancellationToken.None);
        if (status != Execution.RunStatus.Succeeded)
        {
            throw new InvalidOperationException($"The benchmark run ended {status}.");
        }
    }

    /// <summary>
    /// The WAL header's checkpoint sequence number: how many times the WAL was started over from its beginning
    /// after a complete checkpoint (bytes 12–15, big-endian), with either behaviour.
    /// </summary>
    private static long WalRestarts(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[16];
        file.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var before && before != seen)
        {
            seen = before;
        }
    }
}
