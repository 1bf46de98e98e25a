using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Core.Tests.Scheduling;

public class CatchUpTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    // Hourly occurrences from 07:00 to 12:00: 07..11 were missed, 12:00 is on time.
    private static IEnumerable<DateTimeOffset> Hourly(int lastHour = 12) =>
        Enumerable.Range(7, lastHour - 6).Select(h => new DateTimeOffset(2026, 1, 1, h, 0, 0, TimeSpan.Zero));

    private static DateTimeOffset At(int hour) => new(2026, 1, 1, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void None_starts_only_what_is_on_time()
    {
        var decision = CatchUp.Apply(Hourly(), Now, new CatchUpPolicy { Mode = CatchUpMode.None }, Grace);

        Assert.Equal([At(12)], decision.Start);
        Assert.Equal(5, decision.Skipped);
        Assert.Equal(Now, decision.Watermark);
    }

    [Fact]
    public void Latest_starts_the_newest_missed_occurrence_when_nothing_is_on_time()
    {
        var decision = CatchUp.Apply(Hourly(lastHour: 11), Now, new CatchUpPolicy { Mode = CatchUpMode.Latest }, Grace);

        Assert.Equal([At(11)], decision.Start);
        Assert.Equal(4, decision.Skipped);
    }

    [Fact]
    public void Latest_drops_every_missed_occurrence_when_one_is_on_time()
    {
        var decision = CatchUp.Apply(Hourly(), Now, new CatchUpPolicy { Mode = CatchUpMode.Latest }, Grace);

        Assert.Equal([At(12)], decision.Start);
        Assert.Equal(5, decision.Skipped);
    }

    [Fact]
    public void All_starts_the_newest_missed_occurrences_up_to_the_total_bound_and_drops_the_older_ones()
    {
        var policy = new CatchUpPolicy { Mode = CatchUpMode.All, MaxRuns = 3 };

        var decision = CatchUp.Apply(Hourly(lastHour: 11), Now, policy, Grace);

        Assert.Equal([At(9), At(10), At(11)], decision.Start);
        Assert.Equal((2, 2), (decision.Skipped, decision.DroppedOverBound));
        Assert.Equal(Now, decision.Watermark);
    }

    [Fact]
    public void All_starts_on_time_occurrences_beside_the_bounded_missed_ones()
    {
        var policy = new CatchUpPolicy { Mode = CatchUpMode.All, MaxRuns = 2 };

        var decision = CatchUp.Apply(Hourly(), Now, policy, Grace);

        Assert.Equal([At(10), At(11), At(12)], decision.Start);
        Assert.Equal(3, decision.DroppedOverBound);
    }

    [Fact]
    public void The_bound_holds_in_total_over_a_long_outage()
    {
        // Arrange: every minute for thirty days, all missed.
        var every = new IntervalSchedule(TimeSpan.FromMinutes(1), Now.AddDays(-30));
        var policy = new CatchUpPolicy { Mode = CatchUpMode.All, MaxRuns = 10 };

        // Act
        var decision = CatchUp.Apply(every.Occurrences(Now.AddDays(-30), Now.AddMinutes(-5)), Now, policy, Grace);

        // Assert
        Assert.Equal(10, decision.Start.Count);
        Assert.Equal(Now.AddMinutes(-5), decision.Start[^1]);
        Assert.Equal(30 * 24 * 60 - 5 - 10, decision.Skipped);
    }
}
