using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Engine;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Bench.Goals;

/// <summary>
/// P5 (pipelines due at one instant until all their first tasks run) and P6 (the CPU of a scheduler tick over
/// many schedules, the first tick included, and an idle host's CPU with many unscheduled pipelines).
/// </summary>
internal static class SchedulerGoals
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    public static async Task<GoalLine> BurstAsync(GoalsOptions options)
    {
        var count = 750 / options.Scale;
        var started = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var clock = new FakeTimeProvider(Noon.AddMinutes(2));
        await using var host = await BenchHost.StartAsync(clock, schedulerRunning: false, services =>
            services.AddCodeHandler("mark", (context, _, _) =>
            {
                started.TryAdd(context.RunId, Stopwatch.GetTimestamp());
                return ValueTask.FromResult<JsonElement?>(null);
            }));
        var every5 = new ScheduleDefinition { Cron = "*/5 * * * *" };
        await host.UpsertAsync(Enumerable.Range(0, count).Select(i => BenchHost.Pipeline($"burst-{i}", "mark", every5)));
        clock.SetUtcNow(Noon.AddMinutes(5).AddMilliseconds(500));
        var from = Stopwatch.GetTimestamp();
        var cpu = Usage.ProcessCpu();
        var (batches, ops) = (host.Writer.Batches, host.Writer.OpsApplied);
        var report = await host.Ticker.TickAsync(CancellationToken.None);
        var ticked = Stopwatch.GetElapsedTime(from).TotalSeconds;
        var deadline = Stopwatch.StartNew();
        while (started.Count < count && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(5);
        }

        var cpuUsed = Usage.ProcessCpu() - cpu;
        if (started.Count < count)
        {
            throw new InvalidOperationException(
                $"Only {started.Count} of {count} first tasks ran within 2 minutes (the tick started {report.Started}).");
        }

        var seconds = Stopwatch.GetElapsedTime(from, started.Values.Max()).TotalSeconds;
        return new GoalLine("P5", $"{count} pipelines due at one instant → all first tasks running",
            string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s (the tick started {report.Started} runs " +
                $"and returned after {ticked:0.00} s; {host.Writer.OpsApplied - ops} writes in " +
                $"{host.Writer.Batches - batches} commits)"),
            "≤ 2 s", seconds <= 2, string.Create(CultureInfo.InvariantCulture, $"{cpuUsed.TotalMilliseconds:0} ms"));
    }

    public static async Task<GoalLine> TickAsync(GoalsOptions options)
    {
        var count = 10_000 / options.Scale;
        var clock = new FakeTimeProvider(Noon);
        await using var host = await BenchHost.StartAsync(clock, schedulerRunning: false);
        var daily = new ScheduleDefinition { Cron = "0 3 * * *" };
        await host.UpsertAsync(Enumerable.Range(0, count).Select(i => BenchHost.Pipeline($"daily-{i}", "noop", daily)));
        var ticks = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            clock.SetUtcNow(Noon.AddSeconds(2 * (i + 1)));
            var usage = await Usage.MeasureAsync(() => host.Ticker.TickAsync(CancellationToken.None));
            ticks.Add(usage.Cpu);
        }

        var first = ticks[0].TotalMilliseconds;
        var worst = ticks.Max().TotalMilliseconds;
        return new GoalLine("P6", $"scheduler tick over {count:N0} schedules, none due",
            string.Create(CultureInfo.InvariantCulture,
                $"first tick {first:0.0} ms, worst of the next five {ticks.Skip(1).Max().TotalMilliseconds:0.0} ms"),
            "≤ 20 ms CPU per tick, the first included", worst <= 20, "the times are process CPU");
    }

    public static async Task<GoalLine> IdleAsync(GoalsOptions options)
    {
        var count = 15_000 / options.Scale;
        await using var host = await BenchHost.StartAsync(clock: null, schedulerRunning: true);
        await host.UpsertAsync(Enumerable.Range(0, count).Select(i => BenchHost.Pipeline($"manual-{i}", "noop")));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var usage = await Usage.MeasureAsync(() => Task.Delay(TimeSpan.FromSeconds(10)));
        var percent = 100 * usage.Cpu / usage.Wall;
        return new GoalLine("P6", $"idle host holding {count:N0} unscheduled pipelines (scheduler on, 2 s ticks)",
            string.Create(CultureInfo.InvariantCulture, $"{percent:0.00} % of one core over {usage.Wall.TotalSeconds:0} s"),
            "near 0 % (≤ 1 %)", percent <= 1, usage.ToString());
    }
}
