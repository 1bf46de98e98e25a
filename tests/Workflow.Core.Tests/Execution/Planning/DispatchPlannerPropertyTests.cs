using FsCheck;
using FsCheck.Fluent;
using Workflow.Dag;
using Workflow.Execution;

namespace Workflow.Core.Tests.Execution.Planning;

public class DispatchPlannerPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void The_simulated_policy_never_finishes_later_than_upward_rank_downstream_count_or_fifo()
    {
        Check.One(Config, Prop.ForAll(DispatchCase.Arbitrary, c =>
        {
            var chosen = c.Simulate(DispatchPolicy.Simulated).Makespan;
            var baselines = new[] { DispatchPolicy.UpwardRank, DispatchPolicy.DownstreamCount, DispatchPolicy.Fifo }
                .Select(p => (Policy: p, Makespan: c.Simulate(p).Makespan)).ToArray();

            return baselines.All(b => chosen <= b.Makespan).Label(
                $"simulated {chosen}; {string.Join(", ", baselines.Select(b => $"{b.Policy} {b.Makespan}"))}");
        }));
    }

    [Fact]
    public void No_run_the_decider_plays_under_any_policy_is_shorter_than_the_planners_lower_bound()
    {
        Check.One(Config, Prop.ForAll(DispatchCase.Arbitrary, c =>
        {
            var bound = DispatchPlanner.Bound(c.Definition, DagIndex.Build(c.Definition), expected: null)
                .Seconds(c.Slots);
            var makespans = new[] { DispatchPolicy.Simulated, DispatchPolicy.UpwardRank, DispatchPolicy.Fifo }
                .Select(p => c.Simulate(p).Makespan.TotalSeconds).ToArray();

            return makespans.All(m => m >= bound - 1e-9)
                .Label($"bound {bound}, makespans {string.Join(", ", makespans)}");
        }));
    }

    [Fact]
    public void The_list_scheduler_plays_each_policy_to_the_makespan_the_decider_reaches()
    {
        Check.One(Config, Prop.ForAll(DispatchCase.Arbitrary, c =>
        {
            var dag = DagIndex.Build(c.Definition);
            var scheduler = c.Scheduler();
            var keys = new (DispatchPolicy Policy, double[] Keys)[]
            {
                (DispatchPolicy.UpwardRank, dag.UpwardRank()),
                (DispatchPolicy.DownstreamCount, Array.ConvertAll(dag.DescendantCounts(), n => (double)n)),
                (DispatchPolicy.Fifo, new double[dag.Count]),
            };

            return keys.All(k => scheduler.Makespan(k.Keys) == c.Simulate(k.Policy).Makespan);
        }));
    }
}
