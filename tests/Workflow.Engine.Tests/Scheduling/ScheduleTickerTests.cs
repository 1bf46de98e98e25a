using Workflow.Building;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Scheduling;
using Workflow.Services;
using static Workflow.Building.Tasks;

namespace Workflow.Engine.Tests.Scheduling;

public sealed class ScheduleTickerTests
{
    private static readonly DateTimeOffset Start = Weekly.Monday.AddMinutes(30);

    [Fact]
    public async Task A_due_occurrence_starts_one_run_with_its_deterministic_id_and_a_second_tick_starts_none()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("hourly"));
        var ticker = h.NewTicker();
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(1).AddSeconds(2));

        // Act
        var first = await ticker.TickAsync(CancellationToken.None);
        var second = await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(1, first.Started);
        Assert.Equal(0, second.Started);
        var run = Assert.Single(await h.RunsAsync("hourly"));
        Assert.Equal("hourly@20260105T010000Z", run.RunId);
        Assert.Equal(RunTrigger.Schedule, run.Trigger);
        Assert.Equal(Weekly.Monday.AddHours(1), run.LogicalTime);
    }

    [Fact]
    public async Task Two_schedules_firing_at_one_instant_start_a_run_each_when_their_parameters_differ()
    {
        // Arrange: eu and us fire at every hour with their own region; a third, without parameters, at the same
        // hours, and a fourth with eu's parameters written in another order, which is eu's run again.
        await using var h = await SchedulerHarness.StartAsync(Start);
        var hourly = Schedules.Every(TimeSpan.FromHours(1));
        await h.SaveAsync(Pipeline.Define("twin", owner: "data-eng")
            .Parameter("region")
            .Parameter("tier", defaultValue: "std")
            .Schedule(hourly with { Name = "eu", Parameters = Json("""{"region": "eu", "tier": "gold"}""") })
            .Schedule(hourly with { Name = "us", Parameters = Json("""{"region": "us"}""") })
            .Schedule(hourly with { Name = "plain" })
            .Schedule(hourly with { Name = "eu-again", Parameters = Json("""{"tier": "gold", "region": "eu"}""") })
            .Task("first", Code("mark"))
            .Build());
        var ticker = h.NewTicker();
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(1).AddSeconds(2));

        // Act
        await ticker.TickAsync(CancellationToken.None);
        await ticker.TickAsync(CancellationToken.None);

        // Assert: three runs at 01:00, each with its schedule's parameters, and no run twice; the first schedule's
        // has the plain id.
        var runs = await h.RunsAsync("twin");
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal(Weekly.Monday.AddHours(1), r.LogicalTime));
        var first = Assert.Single(runs, r => r.RunId == "twin@20260105T010000Z");
        Assert.Equal("eu", first.Parameters!.Value.GetProperty("region").GetString());
        var others = runs.Where(r => r != first).ToList();
        Assert.All(others, r => Assert.Matches("^twin@20260105T010000Z-[0-9a-f]{8}$", r.RunId));
        Assert.Equal(["us", null], others.Select(r => Region(r)).OrderByDescending(r => r));
    }

    private static string? Region(RunRecord run) =>
        run.Parameters is { } p && p.TryGetProperty("region", out var region) ? region.GetString() : null;

    private static System.Text.Json.JsonElement Json(string text) =>
        System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task Nothing_fires_before_its_time_or_for_a_disabled_pipeline()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("early"));
        await h.SaveAsync(Weekly.Hourly("off") with { Enabled = false });
        var ticker = h.NewTicker();

        // Act
        h.Clock.SetUtcNow(Weekly.Monday.AddMinutes(59));
        var before = await ticker.TickAsync(CancellationToken.None);
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(1));
        var at = await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(0, before.Started);
        Assert.Equal(1, at.Started);
        Assert.Empty(await h.RunsAsync("off"));
        Assert.Single(await h.RunsAsync("early"));
    }

    [Theory]
    [InlineData(CatchUpMode.Latest, new[] { "050000" })]
    [InlineData(CatchUpMode.All, new[] { "030000", "040000", "050000" })]
    [InlineData(CatchUpMode.None, new string[0])]
    public async Task Missed_occurrences_follow_the_catch_up_policy(CatchUpMode mode, string[] expected)
    {
        // Arrange: the host was down from 00:30 to 05:30; five occurrences were missed.
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("p", catchUp: mode, maxRuns: 3));
        var ticker = h.NewTicker();
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(5).AddMinutes(30));

        // Act
        await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(expected.Select(t => $"p@20260105T{t}Z"), await h.RunIdsAsync("p"));
    }

    [Theory]
    [InlineData(CatchUpMode.Latest, new[] { "050000" })]
    [InlineData(CatchUpMode.All, new[] { "040000", "050000" })]
    public async Task An_outage_with_more_occurrences_than_a_tick_looks_at_still_catches_up_the_newest(
        CatchUpMode mode, string[] expected)
    {
        // Arrange: five occurrences were missed, more than the three a tick looks at.
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("p", catchUp: mode, maxRuns: 2));
        var ticker = h.NewTicker(new SchedulerOptions { MaxOccurrencesPerTick = 3 });
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(5).AddMinutes(30));

        // Act
        await ticker.TickAsync(CancellationToken.None);
        await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(expected.Select(t => $"p@20260105T{t}Z"), await h.RunIdsAsync("p"));
    }

    [Fact]
    public async Task An_on_time_occurrence_after_a_long_outage_starts_even_past_the_occurrences_a_tick_looks_at()
    {
        // Arrange: the host was down from 00:30 to 05:00:10; 05:00 is on time, four older ones were missed.
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("p", catchUp: CatchUpMode.None));
        var ticker = h.NewTicker(new SchedulerOptions { MaxOccurrencesPerTick = 2 });
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(5).AddSeconds(10));

        // Act
        await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(["p@20260105T050000Z"], await h.RunIdsAsync("p"));
    }

    [Fact]
    public async Task Catch_up_all_starts_the_newest_max_runs_in_total_and_later_ticks_start_no_older_ones()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("p", catchUp: CatchUpMode.All, maxRuns: 2));
        var ticker = h.NewTicker();
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(5).AddMinutes(30));

        // Act
        var started = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            started.Add((await ticker.TickAsync(CancellationToken.None)).Started);
        }

        // Assert
        Assert.Equal([2, 0, 0, 0], started);
        Assert.Equal(["p@20260105T040000Z", "p@20260105T050000Z"], await h.RunIdsAsync("p"));
    }

    [Fact]
    public async Task Skip_overlap_skips_an_occurrence_while_an_earlier_run_is_active()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        var ticker = await FirstRunActiveAtTwoAsync(h, OverlapPolicy.Skip);

        // Act
        var report = await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(1, report.Skipped);
        Assert.Equal(["p@20260105T010000Z"], await h.RunIdsAsync("p"));
    }

    [Fact]
    public async Task Queue_overlap_defers_an_occurrence_until_the_earlier_run_has_finished()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        var ticker = await FirstRunActiveAtTwoAsync(h, OverlapPolicy.Queue);

        // Act
        var whileActive = await ticker.TickAsync(CancellationToken.None);
        h.ReleaseBlockedRuns();
        await h.Engine.WaitAsync("p@20260105T010000Z");
        var afterwards = await ticker.TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal((1, 0), (whileActive.Deferred, whileActive.Started));
        Assert.Equal(1, afterwards.Started);
        Assert.Equal(["p@20260105T010000Z", "p@20260105T020000Z"], await h.RunIdsAsync("p"));
    }

    [Fact]
    public async Task Cancel_previous_overlap_cancels_the_earlier_run_and_starts_the_new_one()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        var ticker = await FirstRunActiveAtTwoAsync(h, OverlapPolicy.CancelPrevious);

        // Act
        var report = await ticker.TickAsync(CancellationToken.None);
        var previous = await h.Engine.WaitAsync("p@20260105T010000Z");

        // Assert
        Assert.Equal((1, 1), (report.CancelledPrevious, report.Started));
        Assert.Equal(RunStatus.Cancelled, previous);
        Assert.Equal(2, (await h.RunsAsync("p")).Count);
    }

    [Fact]
    public async Task Allow_overlap_starts_every_occurrence_even_while_earlier_runs_are_active()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("p", task: "block", overlap: OverlapPolicy.Allow));
        var ticker = h.NewTicker();

        // Act
        for (var hour = 1; hour <= 3; hour++)
        {
            h.Clock.SetUtcNow(Weekly.Monday.AddHours(hour));
            await ticker.TickAsync(CancellationToken.None);
        }

        // Assert
        var runs = await h.RunsAsync("p");
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.True(r.Status is RunStatus.Queued or RunStatus.Running));
    }

    [Fact]
    public async Task Watermarks_survive_a_new_ticker_so_a_restarted_host_does_not_fire_again()
    {
        // Arrange
        await using var h = await SchedulerHarness.StartAsync(Start);
        await h.SaveAsync(Weekly.Hourly("p"));
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(1));
        await h.NewTicker().TickAsync(CancellationToken.None);

        // Act
        var restarted = await h.NewTicker().TickAsync(CancellationToken.None);

        // Assert
        Assert.Equal(0, restarted.Started);
        Assert.Single(await h.RunsAsync("p"));
    }

    /// <summary>
    /// Saves pipeline "p" (hourly, with a task that blocks) under <paramref name="overlap"/>, lets its 01:00 run start
    /// and stay active, and moves the clock to 02:00, when the next occurrence is due.
    /// </summary>
    private static async Task<ScheduleTicker> FirstRunActiveAtTwoAsync(SchedulerHarness h, OverlapPolicy overlap)
    {
        await h.SaveAsync(Weekly.Hourly("p", task: "block", overlap: overlap));
        var ticker = h.NewTicker();
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(1));
        await ticker.TickAsync(CancellationToken.None);
        h.Clock.SetUtcNow(Weekly.Monday.AddHours(2));
        return ticker;
    }
}
