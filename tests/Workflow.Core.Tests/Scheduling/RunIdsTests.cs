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

        Assert.StartsWith("p@manual-20260302T020000000Z-", earlier, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.Equal("p@manual-abc", RunIds.Manual("p", "abc"));
        Assert.False(RunIds.TryParseScheduled(earlier, out _, out _));
        Assert.Throws<ArgumentException>(() => RunIds.Manual("p", "a b"));
    }
}
