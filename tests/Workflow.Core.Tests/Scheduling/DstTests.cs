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

    [Theory]
    [InlineData(DstGapPolicy.Skip)]
    [InlineData(DstGapPolicy.Shift)]
    public void London_spring_gap(DstGapPolicy gap)
    {
        var fired = Fire("30 1 * * *", "Europe/London", Utc(3, 28, 0), Utc(3, 31, 0), gap);

        DateTimeOffset[] expected = gap == DstGapPolicy.Skip
            ? [Utc(3, 28, 1, 30), Utc(3, 30, 0, 30)]
            : [Utc(3, 28, 1, 30), Utc(3, 29, 1), Utc(3, 30, 0, 30)];
        Assert.Equal(expected, fired);
    }

    [Theory]
    [InlineData(DstOverlapPolicy.Once)]
    [InlineData(DstOverlapPolicy.Twice)]
    public void London_autumn_overlap(DstOverlapPolicy overlap)
    {
        var fired = Fire("30 1 * * *", "Europe/London", Utc(10, 24, 0), Utc(10, 27, 0), overlap: overlap);

        DateTimeOffset[] expected = overlap == DstOverlapPolicy.Once
            ? [Utc(10, 24, 0, 30), Utc(10, 25, 0, 30), Utc(10, 26, 1, 30)]
            : [Utc(10, 24, 0, 30), Utc(10, 25, 0, 30), Utc(10, 25, 1, 30), Utc(10, 26, 1, 30)];
        Assert.Equal(expected, fired);
    }

    [Theory]
    [InlineData(DstGapPolicy.Skip)]
    [InlineData(DstGapPolicy.Shift)]
    public void New_York_spring_gap(DstGapPolicy gap)
    {
        var fired = Fire("30 2 * * *", "America/New_York", Utc(3, 7, 0), Utc(3, 10, 0), gap);

        DateTimeOffset[] expected = gap == DstGapPolicy.Skip
            ? [Utc(3, 7, 7, 30), Utc(3, 9, 6, 30)]
            : [Utc(3, 7, 7, 30), Utc(3, 8, 7), Utc(3, 9, 6, 30)];
        Assert.Equal(expected, fired);
    }

    [Theory]
    [InlineData(DstOverlapPolicy.Once)]
    [InlineData(DstOverlapPolicy.Twice)]
    public void New_York_autumn_overlap(DstOverlapPolicy overlap)
    {
        var fired = Fire("30 1 * * *", "America/New_York", Utc(10, 31, 12), Utc(11, 2, 12), overlap: overlap);

        DateTimeOffset[] expected = overlap == DstOverlapPolicy.Once
            ? [Utc(11, 1, 5, 30), Utc(11, 2, 6, 30)]
            : [Utc(11, 1, 5, 30), Utc(11, 1, 6, 30), Utc(11, 2, 6, 30)];
        Assert.Equal(expected, fired);
    }

    [Theory]
    [InlineData(DstGapPolicy.Skip)]
    [InlineData(DstGapPolicy.Shift)]
    public void Lord_Howe_half_hour_spring_gap(DstGapPolicy gap)
    {
        var fired = Fire("15 2 * * *", "Australia/Lord_Howe", Utc(10, 2, 0), Utc(10, 5, 0), gap);

        DateTimeOffset[] expected = gap == DstGapPolicy.Skip
            ? [Utc(10, 2, 15, 45), Utc(10, 4, 15, 15)]
            : [Utc(10, 2, 15, 45), Utc(10, 3, 15, 30), Utc(10, 4, 15, 15)];
        Assert.Equal(expected, fired);
    }

    [Theory]
    [InlineData(DstOverlapPolicy.Once)]
    [InlineData(DstOverlapPolicy.Twice)]
    public void Lord_Howe_half_hour_autumn_overlap(DstOverlapPolicy overlap)
    {
        var fired = Fire("45 1 * * *", "Australia/Lord_Howe", Utc(4, 3, 0), Utc(4, 6, 0), overlap: overlap);

        DateTimeOffset[] expected = overlap == DstOverlapPolicy.Once
            ? [Utc(4, 3, 14, 45), Utc(4, 4, 14, 45), Utc(4, 5, 15, 15)]
            : [Utc(4, 3, 14, 45), Utc(4, 4, 14, 45), Utc(4, 4, 15, 15), Utc(4, 5, 15, 15)];
        Assert.Equal(expected, fired);
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
}
