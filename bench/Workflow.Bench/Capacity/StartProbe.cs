using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workflow.Engine;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Services;
using Workflow.Engine.Storage;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Scheduling;

namespace Workflow.Bench.Capacity;

/// <summary>
/// Measures the embedded host on this machine, to feed and check the simulator: N one-task pipelines due at one
/// instant are saved through the engine (API writes/s), one real tick starts them on the real engine and SQLite file
/// (runs started/s), and the time until every first task is running is taken (P5's measure, issue 16). A 1,000-task
/// fan-out then gives the file's growth per task. Everything is wall-clock on a shared machine: ratios matter more.
/// </summary>
internal static class StartProbe
{
    public sealed record Probe(int Runs, double UpsertsPerSecond, double StartsPerSecond, TimeSpan TickTime,
        TimeSpan AllFirstTasksRunning, double BytesPerRun, double BytesPerTask);

    private static readonly JsonElement Marker = JsonSerializer.SerializeToElement(new { handler = "probe" });

    public static Probe Measure(int runs, bool print = true)
    {
        var probe = MeasureAsync(runs).GetAwaiter().GetResult();
        if (!print)
        {
            return probe;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"embedded host, measured: {runs} pipelines due at one instant: {probe.UpsertsPerSecond:0} pipeline saves/s, " +
            $"one tick started them in {probe.TickTime.TotalSeconds:0.00} s ({probe.StartsPerSecond:0} runs started/s), " +
            $"every first task running after {probe.AllFirstTasksRunning.TotalSeconds:0.00} s; SQLite grew " +
            $"{probe.BytesPerRun / 1024:0.0} KiB per one-task run, {probe.BytesPerTask / 1024:0.00} KiB per task of a " +
            $"1,000-task run (load average {CapacityBenchmark.LoadAverage()})"));
        return probe;
    }

    private static async Task<Probe> MeasureAsync(int runs)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wf-capacity-probe", Guid.NewGuid().ToString("n"));
        var running = 0;
        var allRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddWorkflowEngine(o =>
        {
            o.DataDirectory = directory;
            o.DefaultPoolCapacity = 1024;
            o.Pools[TaskPools.Code] = 1024;
        });
        services.AddCodeHandler("probe", (context, _, _) =>
        {
            if (context.TaskId == "first" && Interlocked.Increment(ref running) == runs)
            {
                allRunning.TrySetResult();
            }

            return ValueTask.FromResult<JsonElement?>(null);
        });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            return await ProbeAsync(provider, directory, runs, allRunning.Task);
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(CancellationToken.None);
            }

            await provider.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Probe> ProbeAsync(IServiceProvider provider, string directory, int runs, Task allRunning)
    {
        var workflow = provider.GetRequiredService<WorkflowEngineService>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            await workflow.UpsertPipelineAsync(Pipeline($"peak-{i:D4}", "0 0 * * 1", 1), null, "capacity",
                CancellationToken.None);
        }

        var upserts = runs / clock.Elapsed.TotalSeconds;
        var before = FileBytes(directory);
        var due = NextMonday(DateTimeOffset.UtcNow);
        var ticker = new ScheduleTicker(workflow,
            new SqliteWatermarkStore(provider.GetRequiredService<SqliteStore>(), provider.GetRequiredService<WriteLoop>()),
            new FakeTimeProvider(due.AddMilliseconds(500)), Options.Create(new SchedulerOptions()),
            NullLogger<ScheduleTicker>.Instance);
        clock.Restart();
        var report = await ticker.TickAsync(CancellationToken.None);
        var tick = clock.Elapsed;
        if (report.Started != runs)
        {
            throw new InvalidOperationException($"The probe's tick started {report.Started} runs, not {runs}.");
        }

        await allRunning.WaitAsync(TimeSpan.FromMinutes(5));
        var firstRunning = clock.Elapsed;
        foreach (var run in Enumerable.Range(0, runs))
        {
            await workflow.WaitForRunAsync(Workflow.Scheduling.RunIds.ForSchedule($"peak-{run:D4}", due),
                CancellationToken.None);
        }

        var perRun = (FileBytes(directory) - before) / (double)runs;
        const int fanOut = 1000;
        await workflow.UpsertPipelineAsync(Pipeline("fan-out", null, fanOut), null, "capacity", CancellationToken.None);
        before = FileBytes(directory);
        var started = await workflow.StartRunAsync(new Workflow.Services.StartRunRequest("fan-out",
            Workflow.Services.RunTrigger.Api, "capacity"), CancellationToken.None);
        await workflow.WaitForRunAsync(started.RunId, CancellationToken.None);
        var perTask = (FileBytes(directory) - before) / (double)fanOut;
        return new Probe(runs, upserts, runs / tick.TotalSeconds, tick, firstRunning, perRun, perTask);
    }

    private static PipelineDefinition Pipeline(string id, string? cron, int tasks) => new()
    {
        Id = id,
        OwnerGroup = "capacity",
        Schedules = cron is null ? [] : [new ScheduleDefinition { Cron = cron }],
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 1024 },
        Tasks = [.. Enumerable.Range(0, tasks).Select(i => new TaskDefinition
        {
            Id = i == 0 ? "first" : $"t{i}", Kind = "code", Config = Marker, DependsOn = i == 0 ? [] : ["first"],
        })],
    };

    private static DateTimeOffset NextMonday(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>
    /// The database's logical size (pages in use, WAL included) as a fresh reader sees it; the files' sizes would
    /// count WAL frames that a checkpoint reuses.
    /// </summary>
    private static long FileBytes(string directory)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "workflow.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count, " +
            "pragma_freelist_count, pragma_page_size;";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
