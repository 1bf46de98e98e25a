using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workflow.Model;
using Workflow.Runtime.Scheduling;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Bench.Capacity;

/// <summary>
/// Replays a window of schedules through the real <see cref="ScheduleTicker"/> under virtual time. Ticks fall on a
/// grid (<paramref name="interval"/> apart, offset by a phase), as the embedded host's periodic timer and the Azure
/// timer trigger do; only grid instants with an occurrence due are simulated, since the others start nothing.
/// </summary>
internal static class TickReplay
{
    /// <summary>A run the tick started: its pipeline, its due instant and the tick instant that started it.</summary>
    public sealed record Started(string RunId, string PipelineId, DateTimeOffset Due, DateTimeOffset TickAt);

    public static IReadOnlyList<Started> Run(IReadOnlyList<PipelineDefinition> pipelines, DateTimeOffset from,
        DateTimeOffset until, TimeSpan interval, TimeSpan phase)
    {
        var updatedAt = from - TimeSpan.FromHours(1);
        var records = pipelines.Select(p => new PipelineRecord(p, 1, "\"v1\"", updatedAt, "capacity")).ToList();
        var byTick = new SortedDictionary<DateTimeOffset, List<PipelineRecord>>();
        foreach (var record in records)
        {
            var ticks = record.Definition.Schedules.Where(s => s.Enabled)
                .SelectMany(s => Schedule.From(s).Occurrences(from - TimeSpan.FromTicks(1), until))
                .Select(due => NextTick(due, interval, phase)).Distinct();
            foreach (var tick in ticks)
            {
                if (!byTick.TryGetValue(tick, out var due))
                {
                    byTick[tick] = due = [];
                }

                due.Add(record);
            }
        }

        var clock = new FakeTimeProvider(from - interval);
        var catalog = new SimulatedCatalog(clock) { Listed = records };
        var ticker = new ScheduleTicker(catalog, new MemoryWatermarks(), clock,
            Options.Create(new SchedulerOptions { TickInterval = interval }), NullLogger<ScheduleTicker>.Instance);
        Tick(ticker, clock.GetUtcNow());
        var started = new List<Started>();
        foreach (var (at, due) in byTick)
        {
            clock.SetUtcNow(at);
            catalog.Listed = due;
            Tick(ticker, at);
            started.AddRange(catalog.TakeStarted().Select(r => new Started(r.RunId, r.PipelineId, r.LogicalTime, at)));
        }

        return started;
    }

    /// <summary>The first grid instant at or after <paramref name="due"/>.</summary>
    public static DateTimeOffset NextTick(DateTimeOffset due, TimeSpan interval, TimeSpan phase)
    {
        var offset = (due - phase).UtcTicks;
        var steps = (offset + interval.Ticks - 1) / interval.Ticks;
        return new DateTimeOffset(steps * interval.Ticks, TimeSpan.Zero) + phase;
    }

    private static void Tick(ScheduleTicker ticker, DateTimeOffset at)
    {
        var report = ticker.TickAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (report.Failed > 0)
        {
            throw new InvalidOperationException($"The schedule tick at {at:O} failed {report.Failed} schedule(s).");
        }
    }
}
