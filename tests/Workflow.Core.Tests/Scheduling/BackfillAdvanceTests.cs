using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Core.Tests.Scheduling;

public class BackfillAdvanceTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static List<BackfillSlot> Runs(int active, int waiting) =>
    [
        .. Enumerable.Range(0, active).Select(i => new BackfillSlot($"a{i}", Day.AddDays(i), false, true)),
        .. Enumerable.Range(0, waiting).Reverse().Select(i => new BackfillSlot($"w{i}", Day.AddDays(10 + i), true, false)),
    ];

    [Fact]
    public void Waiting_runs_start_oldest_first_up_to_the_free_slots()
    {
        var move = BackfillAdvance.Next(Runs(active: 1, waiting: 4), 3, OverlapPolicy.Skip, 0);

        Assert.Equal(["w0", "w1"], move.Start);
        Assert.Empty(move.Skip);
    }

    [Fact]
    public void A_full_backfill_starts_nothing()
    {
        Assert.Empty(BackfillAdvance.Next(Runs(active: 2, waiting: 4), 2, OverlapPolicy.Allow, 0).Start);
    }

    [Theory]
    [InlineData(OverlapPolicy.Queue, 0, 0, false)]
    [InlineData(OverlapPolicy.Skip, 0, 2, false)]
    [InlineData(OverlapPolicy.CancelPrevious, 2, 0, true)]
    [InlineData(OverlapPolicy.Allow, 2, 0, false)]
    public void Runs_outside_the_backfill_are_met_with_the_overlap_policy(OverlapPolicy policy, int started,
        int skipped, bool cancel)
    {
        var move = BackfillAdvance.Next(Runs(active: 0, waiting: 3), 2, policy, otherActiveRuns: 1);

        Assert.Equal((started, skipped, cancel), (move.Start.Count, move.Skip.Count, move.CancelOthers));
    }
}
