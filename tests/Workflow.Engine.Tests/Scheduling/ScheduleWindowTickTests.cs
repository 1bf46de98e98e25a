using Workflow.Model;

namespace Workflow.Engine.Tests.Scheduling;

public sealed class ScheduleWindowTickTests
{
    private static readonly DateTimeOffset Start = Weekly.Monday.AddMinutes(30);

    private static PipelineDefinition Windowed(string id, DateTimeOffset? start, DateTimeOffset? end)
    {
        var hourly = Weekly.Hourly(id, catchUp: CatchUpMode.All);
        return hourly with { Schedules = [hourly.Schedules[0] with { Start = start, End = end }] };
    }

    [Fact]
    public async Task A_tick_fires_only_inside_the_window_and_never_after_its_end()
    {
        // Arrange: hourly, allowed from 02:00 to 03:00; the host wakes at 05:30.
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Windowed("w", Weekly.Monday.AddHours(2), Weekly.Monday.AddHours(3)));
        var ticker = h.NewTicker();
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(5).AddMinutes(30));

        // Act
        await ticker.TickAsync(CancellationToken.None);
        h.Clock.SetUtcNow(Weekly.Monday.AddDays(3));
        var later = await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(["w@20260105T020000Z", "w@20260105T030000Z"], await h.RunIdsAsync("w"));
        Assert.Equal(0, later.Started);
    }

    [Fact]
    public async Task A_schedule_whose_end_has_passed_never_fires()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Windowed("gone", null, Weekly.Monday.AddMinutes(10)));
        var ticker = h.NewTicker();

        // Act
        var reports = new List<int>();
        foreach (var hours in new[] { 1, 2, 30 })
        {
            h.Clock.SetUtcNow(Weekly.Monday.AddHours(hours));
            reports.Add((await ticker.TickAsync(CancellationToken.None)).Started);
        }

        // Assert
        Assert.Equal([0, 0, 0], reports);
        Assert.Empty(await h.RunsAsync("gone"));
    }
}
