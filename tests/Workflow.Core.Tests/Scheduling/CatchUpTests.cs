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
    public void All_starts_missed_occurrences_oldest_first_up_to_the_bound_and_holds_the_watermark()
    {
        var policy = new CatchUpPolicy { Mode = CatchUpMode.All, MaxRuns = 3 };

        var first = CatchUp.Apply(Hourly(), Now, policy, Grace);
        var second = CatchUp.Apply(Hourly().Where(o => o > first.Watermark), Now, policy, Grace);

        Assert.Equal([At(7), At(8), At(9)], first.Start);
        Assert.Equal(At(9), first.Watermark);
        Assert.Equal([At(10), At(11), At(12)], second.Start);
        Assert.Equal(Now, second.Watermark);
        Assert.Equal(0, first.Skipped + second.Skipped);
    }
}
