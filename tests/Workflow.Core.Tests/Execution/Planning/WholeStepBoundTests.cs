using FsCheck;
using FsCheck.Fluent;
using Workflow.Core.Tests.Dag;
using Workflow.Dag;
using Workflow.Execution;

namespace Workflow.Core.Tests.Execution.Planning;

public class WholeStepBoundTests
{
    /// <summary>Up to 7 tasks whose durations are 0..3 steps of 1, 2 or 3 s, some timers, 1..3 slots.</summary>
    private static readonly Arbitrary<(RandomDag Dag, int[] Durations, bool[] Slotless, int Slots)> Cases = Arb.From(
        from n in Gen.Choose(1, 7)
        from edgeCount in Gen.Choose(0, 10)
        from pairs in Gen.ArrayOf(Gen.Two(Gen.Choose(0, n - 1)), edgeCount)
        from step in Gen.Choose(1, 3)
        from steps in Gen.ArrayOf(Gen.Choose(0, 3), n)
        from slotless in Gen.ArrayOf(Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true))), n)
        from slots in Gen.Choose(1, 3)
        let durations = steps.Select(s => s * step).ToArray()
        select (new RandomDag(n,
                [.. pairs.Where(p => p.Item1 != p.Item2)
                    .Select(p => (Math.Min(p.Item1, p.Item2), Math.Max(p.Item1, p.Item2)))],
                [.. durations.Select(d => (double)d)]),
            durations, slotless, slots));

    [Fact]
    public void The_bound_in_whole_steps_is_never_above_the_shortest_schedule()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Cases, c =>
        {
            var graph = c.Dag.Graph;
            var bound = new MakespanBound(graph, TopologicalSort.TryOrder(graph)!, c.Dag.Weights, c.Slotless)
                .Seconds(c.Slots);
            var rounded = DispatchPlanner.InWholeSteps(bound, c.Dag.Weights).TotalSeconds;
            var optimum = ExactSchedule.OptimalMakespan(graph, c.Durations, c.Slotless, c.Slots);

            return (rounded <= optimum + 1e-9 && rounded >= bound - 1e-3)
                .Label($"bound {bound}, in whole steps {rounded}, optimum {optimum}");
        }));
    }

    [Fact]
    public void A_fan_out_of_equal_tasks_is_bounded_by_its_whole_waves()
    {
        // A root and 5 children of 1 s on 2 slots: the fractional bound is 1 + 5/2 = 3.5 s, but the children run in
        // three waves after the root, so no schedule ends before 4 s; a play by any order reaches that.
        var graph = DagGraph.Create(6, [.. Enumerable.Range(1, 5).Select(i => (0, i))]);
        var weights = Enumerable.Repeat(1.0, 6).ToArray();
        var bound = new MakespanBound(graph, [.. Enumerable.Range(0, 6)], weights).Seconds(2);

        Assert.Equal(3.5, bound);
        Assert.Equal(TimeSpan.FromSeconds(4), DispatchPlanner.InWholeSteps(bound, weights));
        Assert.Equal(4, ExactSchedule.OptimalMakespan(graph, [.. Enumerable.Repeat(1, 6)], new bool[6], 2));
    }

    [Fact]
    public void Durations_without_a_common_step_above_a_tick_keep_the_bound()
    {
        var weights = new[] { 1.0, 1.0000001 };

        Assert.Equal(TimeSpan.FromSeconds(2.5), DispatchPlanner.InWholeSteps(2.5, weights));
    }
}
