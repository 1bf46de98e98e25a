using Workflow.Scheduling;

namespace Workflow.Core.Tests.Scheduling;

public class RunIdsTests
{
    [Fact]
    public void A_scheduled_run_id_is_the_pipeline_and_the_utc_instant_in_iso_basic_form()
    {
        var at = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.FromHours(1));

        var id = RunIds.ForSchedule("sales-weekly", at);

        Assert.Equal("sales-weekly@20260302T010000Z", id);
        Assert.True(RunIds.TryParseScheduled(id, out var pipeline, out var parsed));
        Assert.Equal("sales-weekly", pipeline);
        Assert.Equal(at, parsed);
    }

    [Fact]
    public void A_manual_run_id_is_marked_and_sorts_by_time()
    {
        var earlier = RunIds.NewManual("p", new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var later = RunIds.NewManual("p", new DateTimeOffset(2026, 3, 2, 2, 0, 0, 1, TimeSpan.Zero));

        // The instant may be later than the one given: ids follow every id this process made before.
        Assert.Matches(SortableId("manual"), earlier);
        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.Equal("p@manual-abc", RunIds.Manual("p", "abc"));
        Assert.False(RunIds.TryParseScheduled(earlier, out _, out _));
        Assert.Throws<ArgumentException>(() => RunIds.Manual("p", "a b"));
    }

    [Fact]
    public void Ids_made_at_one_instant_or_with_a_clock_that_steps_back_are_distinct_and_sort_in_the_order_made()
    {
        var at = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

        var ids = new[]
        {
            RunIds.NewManual("p", at), RunIds.NewManual("p", at), RunIds.NewManual("p", at.AddSeconds(-1)),
        };

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rerun_id_is_marked_as_a_rerun_and_sorts_like_a_manual_one()
    {
        var id = RunIds.NewRerun("p", new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));

        Assert.Matches(SortableId("rerun"), id);
        Assert.False(RunIds.TryParseScheduled(id, out _, out _));
    }

    private static string SortableId(string marker) => $"^p@{marker}-[0-9]{{8}}T[0-9]{{9}}Z-[0-9a-f]{{8}}$";
}
