using System.Diagnostics;
using Workflow.Execution;
using Xunit.Abstractions;

namespace Workflow.Engine.Tests.Scheduling;

public sealed class PeakTests(ITestOutputHelper output)
{
    private const int Pipelines = 750;

    [Fact]
    public async Task Seven_hundred_fifty_pipelines_due_at_monday_midnight_all_start_within_thirty_seconds()
    {
        // Arrange: every pipeline is due at Monday 00:00; the tick runs every 2 s of the manual clock.
        await using var h = await SchedulerHarness.StartAsync(Weekly.Monday.AddMinutes(-10));
        for (var i = 0; i < Pipelines; i++)
        {
            await h.SaveAsync(Weekly.MondayMidnight($"peak-{i:000}"));
        }

        var options = new Workflow.Runtime.Scheduling.SchedulerOptions();
        var ticker = h.NewTicker(options);
        h.Clock.SetUtcNow(Weekly.Monday + options.TickInterval);

        // Act: the first tick after the due instant; then wait (real time) until every first task has started.
        var begin = Stopwatch.GetTimestamp();
        var report = await ticker.TickAsync(CancellationToken.None);
        var tickDone = Stopwatch.GetElapsedTime(begin);
        var deadline = Stopwatch.StartNew();
        while (h.FirstTaskStarted.Count < Pipelines && deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(20);
        }

        // Assert
        Assert.Equal(Pipelines, report.Started);
        Assert.Equal(Pipelines, h.FirstTaskStarted.Count);
        var lastStart = TimeSpan.FromTicks(h.FirstTaskStarted.Values.Max() - begin) *
                        (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency);
        var virtualLatency = h.Clock.GetUtcNow() - Weekly.Monday;
        Assert.True(virtualLatency <= TimeSpan.FromSeconds(30));
        var sample = await h.Workflow.GetRunAsync("peak-000@20260105T000000Z", CancellationToken.None);
        Assert.NotNull(sample);
        Assert.NotEqual(RunStatus.Queued, sample.Run.Status);
        output.WriteLine($"{Pipelines} runs due at Monday 00:00: tick took {tickDone.TotalSeconds:F2} s (wall), " +
                         $"last first-task start {lastStart.TotalSeconds:F2} s after the tick began (wall); " +
                         $"virtual start latency {virtualLatency.TotalSeconds:F0} s (one tick interval).");
    }
}
