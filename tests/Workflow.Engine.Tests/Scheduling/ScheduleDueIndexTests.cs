using Workflow.Building;
using Workflow.Model;
using static Workflow.Building.Schedules;
using static Workflow.Building.Tasks;

namespace Workflow.Engine.Tests.Scheduling;

public sealed class ScheduleDueIndexTests
{
    private static readonly DateTimeOffset Start = Weekly.Monday.AddMinutes(30);

    [Fact]
    public async Task A_deleted_pipeline_stops_firing_and_a_new_version_fires_on_its_new_schedule()
    {
        // Arrange: "gone" is deleted before 01:00; "moved" changes from hourly to daily at 03:00.
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("gone"));
        await h.SaveAsync(Weekly.Hourly("moved"));
        var ticker = h.NewTicker();
        await h.Workflow.DeletePipelineAsync("gone", null, "test", CancellationToken.None);
        await h.SaveAsync(Pipeline.Define("moved", owner: "data-eng").Schedule(Cron("0 3 * * *"))
            .Task("first", Code("mark")).Build());

        // Act
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(1).AddSeconds(1));
        var atOne = await ticker.TickAsync(CancellationToken.None);
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(3).AddSeconds(1));
        var atThree = await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(0, atOne.Started);
        Assert.Equal(1, atThree.Started);
        Assert.Equal(["moved@20260105T030000Z"], await h.RunIdsAsync("moved"));
    }

    [Fact]
    public async Task A_once_schedule_fires_once_and_later_ticks_find_nothing_due()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Pipeline.Define("once", owner: "data-eng").Schedule(Once(Weekly.Monday.AddHours(2)))
            .Task("first", Code("mark")).Build());
        var ticker = h.NewTicker();

        // Act
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(2).AddSeconds(1));
        var first = await ticker.TickAsync(CancellationToken.None);
        h.Clock.SetUtcNow(Weekly.Monday.AddDays(3));
        var later = await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(1, first.Started);
        Assert.Equal(0, later.Started);
        Assert.Single(await h.RunsAsync("once"));
    }

    [Fact]
    public async Task The_ticker_without_an_index_fires_a_due_occurrence_too()
    {
        // Arrange: the Azure app's ticker has no next-due index and looks at every pipeline.
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("hourly"));
        var ticker = h.NewTicker(indexed: false);
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(1).AddSeconds(2));

        // Act
        var first = await ticker.TickAsync(CancellationToken.None);
        var second = await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(1, first.Started);
        Assert.Equal(0, second.Started);
        Assert.Equal(["hourly@20260105T010000Z"], await h.RunIdsAsync("hourly"));
    }
}
