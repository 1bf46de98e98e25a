using FsCheck;
using FsCheck.Fluent;
using Workflow.Dag;

namespace Workflow.Core.Tests.Dag;

public class MakespanBoundTests
{
    /// <summary>Up to 8 tasks, durations 0..6 s, some timers (no slot), 1..4 slots.</summary>
    private static readonly Arbitrary<BoundCase> Cases = Arb.From(
        from n in Gen.Choose(1, 8)
        from permutation in Gen.Shuffle(Enumerable.Range(0, n))
        from edgeCount in Gen.Choose(0, 12)
        from pairs in Gen.ArrayOf(Gen.Two(Gen.Choose(0, n - 1)), edgeCount)
        from durations in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 6))), n)
        from slotless in Gen.ArrayOf(Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true))), n)
        from slots in Gen.Choose(1, 4)
        select new BoundCase(
            new RandomDag(n,
                [.. pairs.Where(p => p.Item1 != p.Item2)
                    .Select(p => (permutation[Math.Min(p.Item1, p.Item2)], permutation[Math.Max(p.Item1, p.Item2)]))],
                [.. durations.Select(d => (double)d)]),
            durations, slotless, slots));

    [Fact]
    public void No_schedule_beats_the_bound_and_the_bound_is_at_least_critical_path_and_work_per_slot()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(Cases, c =>
        {
            var graph = c.Dag.Graph;
            var order = TopologicalSort.TryOrder(graph)!;
            var bound = new MakespanBound(graph, order, c.Dag.Weights, c.Slotless).Seconds(c.Slots);
            var optimum = ExactSchedule.OptimalMakespan(graph, c.Durations, c.Slotless, c.Slots);
            var criticalPath = DagAlgorithms.UpwardRank(graph, order, c.Dag.Weights).DefaultIfEmpty().Max();
            var work = Enumerable.Range(0, c.Dag.Count).Where(t => !c.Slotless[t]).Sum(t => c.Dag.Weights[t]);

            // The search must find a schedule at least as short as a list schedule (dispatch by upward rank),
            // else it would not be searching every schedule.
            var listed = new ListScheduler(graph, order, c.Dag.Weights, default, c.Slots, c.Slotless)
                .Makespan(DagAlgorithms.UpwardRank(graph, order, c.Dag.Weights)).TotalSeconds;

            return (bound <= optimum + 1e-9 && bound >= Math.Max(criticalPath, work / c.Slots) - 1e-9
                && optimum <= listed + 1e-9)
                .Label($"bound {bound}, optimum {optimum}, list schedule {listed}, critical path {criticalPath}, " +
                    $"work {work}");
        }));
    }

    [Fact]
    public void Three_equal_independent_tasks_on_two_slots_need_two_of_them_in_a_row()
    {
        var graph = DagGraph.Create(3, Array.Empty<(int, int)>());
        var bound = new MakespanBound(graph, [0, 1, 2], [1.0, 1.0, 1.0]);

        Assert.Equal(1.5, bound.Simple(2));
        Assert.Equal(2.0, bound.Seconds(2));
        Assert.Equal(ExactSchedule.OptimalMakespan(graph, [1, 1, 1], new bool[3], 2), bound.Seconds(2));
    }

    [Fact]
    public void A_task_waits_for_all_its_ancestors_work_shared_among_the_slots()
    {
        // Four 2 s roots, then a 1 s join: on 2 slots the join starts at 4 s at the earliest.
        var graph = DagGraph.Create(5, [(0, 4), (1, 4), (2, 4), (3, 4)]);
        var bound = new MakespanBound(graph, [0, 1, 2, 3, 4], [2.0, 2.0, 2.0, 2.0, 1.0]);

        Assert.Equal(4.5, bound.Simple(2));
        Assert.Equal(5.0, bound.Seconds(2));
    }

    [Fact]
    public void Timers_hold_no_slot()
    {
        var graph = DagGraph.Create(3, Array.Empty<(int, int)>());
        var bound = new MakespanBound(graph, [0, 1, 2], [5.0, 5.0, 5.0], [true, true, false]);

        Assert.Equal(5.0, bound.Seconds(1));
    }

    private sealed record BoundCase(RandomDag Dag, int[] Durations, bool[] Slotless, int Slots)
    {
        public override string ToString() =>
            $"{Dag} slotless=[{string.Join(", ", Slotless)}] slots={Slots}";
    }
}
