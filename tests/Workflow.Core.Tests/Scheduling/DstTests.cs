using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Core.Tests.Scheduling;

/// <summary>
/// Transition days of 2026, with the expected instants worked out by hand from the zone rules:
/// London 29 Mar 01:00 GMT -> 02:00 BST and 25 Oct 02:00 BST -> 01:00 GMT;
/// New York 8 Mar 02:00 EST -> 03:00 EDT and 1 Nov 02:00 EDT -> 01:00 EST;
/// Lord Howe (a 30-minute shift) 4 Oct 02:00 +10:30 -> 02:30 +11:00 and 5 Apr 02:00 +11:00 -> 01:30 +10:30.
/// </summary>
public class DstTests
{
    private static DateTimeOffset Utc(int mo, int d, int h, int mi = 0) => new(2026, mo, d, h, mi, 0, TimeSpan.Zero);

    private static List<DateTimeOffset> Fire(string cron, string zone, DateTimeOffset from, DateTimeOffset to,
        DstGapPolicy gap = DstGapPolicy.Shift, DstOverlapPolicy overlap = DstOverlapPolicy.Once) =>
        Schedule.From(new ScheduleDefinition { Cron = cron, TimeZone = zone, DstGap = gap, DstOverlap = overlap })
            .Occurrences(from, to).ToList();

    /// <summary>
    /// A transition day: a daily cron whose local time falls into the gap (or the overlap), a window around it,
    /// the instants that fire under either policy, and the one instant that only Shift (or Twice) adds.
    /// </summary>
    private sealed record Transition(string Cron, string Zone, DateTimeOffset From, DateTimeOffset To,
        DateTimeOffset[] Always, DateTimeOffset Added)
    {
        public DateTimeOffset[] WithAdded() => [.. Always.Append(Added).Order()];
    }

    private static readonly Dictionary<string, Transition> SpringGaps = new(StringComparer.Ordinal)
    {
        ["London"] = new("30 1 * * *", "Europe/London", Utc(3, 28, 0), Utc(3, 31, 0),
            [Utc(3, 28, 1, 30), Utc(3, 30, 0, 30)], Added: Utc(3, 29, 1)),
        ["New York"] = new("30 2 * * *", "America/New_York", Utc(3, 7, 0), Utc(3, 10, 0),
            [Utc(3, 7, 7, 30), Utc(3, 9, 6, 30)], Added: Utc(3, 8, 7)),
        ["Lord Howe"] = new("15 2 * * *", "Australia/Lord_Howe", Utc(10, 2, 0), Utc(10, 5, 0),
            [Utc(10, 2, 15, 45), Utc(10, 4, 15, 15)], Added: Utc(10, 3, 15, 30)),
    };

    private static readonly Dictionary<string, Transition> AutumnOverlaps = new(StringComparer.Ordinal)
    {
        ["London"] = new("30 1 * * *", "Europe/London", Utc(10, 24, 0), Utc(10, 27, 0),
            [Utc(10, 24, 0, 30), Utc(10, 25, 0, 30), Utc(10, 26, 1, 30)], Added: Utc(10, 25, 1, 30)),
        ["New York"] = new("30 1 * * *", "America/New_York", Utc(10, 31, 12), Utc(11, 2, 12),
            [Utc(11, 1, 5, 30), Utc(11, 2, 6, 30)], Added: Utc(11, 1, 6, 30)),
        ["Lord Howe"] = new("45 1 * * *", "Australia/Lord_Howe", Utc(4, 3, 0), Utc(4, 6, 0),
            [Utc(4, 3, 14, 45), Utc(4, 4, 14, 45), Utc(4, 5, 15, 15)], Added: Utc(4, 4, 15, 15)),
    };

    public static TheoryData<string, DstGapPolicy> GapCases => Cases(SpringGaps, DstGapPolicy.Skip, DstGapPolicy.Shift);

    public static TheoryData<string, DstOverlapPolicy> OverlapCases =>
        Cases(AutumnOverlaps, DstOverlapPolicy.Once, DstOverlapPolicy.Twice);

    [Theory]
    [MemberData(nameof(GapCases))]
    public void A_fire_time_in_the_spring_gap_is_skipped_or_shifted_to_the_gap_end(string place, DstGapPolicy gap)
    {
        var day = SpringGaps[place];

        var fired = Fire(day.Cron, day.Zone, day.From, day.To, gap: gap);

        Assert.Equal(gap == DstGapPolicy.Shift ? day.WithAdded() : day.Always, fired);
    }

    [Theory]
    [MemberData(nameof(OverlapCases))]
    public void A_fire_time_in_the_autumn_overlap_fires_once_or_at_both_instants(string place, DstOverlapPolicy overlap)
    {
        var day = AutumnOverlaps[place];

        var fired = Fire(day.Cron, day.Zone, day.From, day.To, overlap: overlap);

        Assert.Equal(overlap == DstOverlapPolicy.Twice ? day.WithAdded() : day.Always, fired);
    }

    [Theory]
    [InlineData(DstOverlapPolicy.Once)]
    [InlineData(DstOverlapPolicy.Twice)]
    public void Frequent_fire_times_through_an_overlap_come_out_in_instant_order(DstOverlapPolicy overlap)
    {
        var fired = Fire("*/30 * * * *", "Europe/London", Utc(10, 24, 23), Utc(10, 25, 2), overlap: overlap);

        DateTimeOffset[] expected = overlap == DstOverlapPolicy.Twice
            ? [Utc(10, 24, 23, 30), Utc(10, 25, 0), Utc(10, 25, 0, 30), Utc(10, 25, 1), Utc(10, 25, 1, 30), Utc(10, 25, 2)]
            : [Utc(10, 24, 23, 30), Utc(10, 25, 0), Utc(10, 25, 0, 30), Utc(10, 25, 2)];
        Assert.Equal(expected, fired);
    }

    [Fact]
    public void Fire_times_inside_a_gap_shift_to_its_end_once_without_duplicates()
    {
        // 01:00, 01:15, 01:30 and 01:45 do not exist on 29 March in London; all shift to 02:00 BST = 01:00Z.
        var fired = Fire("*/15 * * * *", "Europe/London", Utc(3, 29, 0, 30), Utc(3, 29, 1, 15));

        Assert.Equal([Utc(3, 29, 0, 45), Utc(3, 29, 1), Utc(3, 29, 1, 15)], fired);
    }

    private static TheoryData<string, TPolicy> Cases<TPolicy>(Dictionary<string, Transition> days,
        params TPolicy[] policies)
    {
        var cases = new TheoryData<string, TPolicy>();
        foreach (var place in days.Keys)
        {
            foreach (var policy in policies)
            {
                cases.Add(place, policy);
            }
        }

        return cases;
    }
}
