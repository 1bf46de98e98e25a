using FsCheck;
using FsCheck.Fluent;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Simulation;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution.Rerun;

/// <summary>
/// Rerun from a task over random DAGs: a first run is simulated with random failures, retries and cancellations, a
/// task is chosen at random, and the rerun plan is compared with reachability computed here from the edges.
/// </summary>
public class RerunFromPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static readonly Arbitrary<(RandomPipeline Pipeline, int Chosen)> Cases = Arb.From(
        from p in RandomPipeline.Gen
        from chosen in Gen.Choose(0, p.Count - 1)
        select (p, chosen));

    [Fact]
    public void Nothing_downstream_of_the_chosen_task_is_kept_and_everything_kept_succeeded_and_is_not_downstream()
    {
        Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var (definition, final) = FirstRun(c.Pipeline);
            var record = Versions.V(1, definition);
            var downstream = Reachable(c.Pipeline, c.Chosen);

            var kept = RerunPlan.For("r", CarryOver.From(final), record, record, fromTask: $"t{c.Chosen}");

            var keptIndexes = kept.Keys.Select(Index).ToHashSet();
            var succeeded = Enumerable.Range(0, c.Pipeline.Count)
                .Where(i => final.Tasks.Single(t => t.Id == $"t{i}").Status == TaskStatus.Succeeded).ToHashSet();
            var upstreamSucceeded = Enumerable.Range(0, c.Chosen)
                .Where(i => Reachable(c.Pipeline, i).Contains(c.Chosen) && succeeded.Contains(i));
            return (!keptIndexes.Overlaps(downstream)).Label("nothing downstream of the chosen task is kept")
                .And(keptIndexes.IsSubsetOf(succeeded).Label("everything kept succeeded in the first run"))
                .And(upstreamSucceeded.All(keptIndexes.Contains).Label("every upstream task that succeeded is kept"))
                .And(keptIndexes.SetEquals(succeeded.Except(downstream))
                    .Label("exactly the tasks that succeeded and are not downstream are kept"));
        }));
    }

    [Fact]
    public void The_rerun_runs_the_chosen_task_and_everything_downstream_once_and_nothing_it_kept()
    {
        Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var (definition, final) = FirstRun(c.Pipeline);
            var record = Versions.V(1, definition);
            var kept = RerunPlan.For("r", CarryOver.From(final), record, record, fromTask: $"t{c.Chosen}");

            // Everything succeeds in the rerun, and every task waits for all its upstream tasks to succeed.
            var ran = RunToTheEnd(definition with
            {
                Tasks = [.. definition.Tasks.Select(t => t with { Trigger = TriggerRule.AllSuccess })],
            }, kept, out var status);

            var ranIndexes = ran.Select(Index).ToList();
            var expected = Enumerable.Range(0, c.Pipeline.Count).Where(i => !kept.ContainsKey($"t{i}"));
            return (status == RunStatus.Succeeded).Label($"the rerun succeeded ({status})")
                .And((ranIndexes.Count == ranIndexes.Distinct().Count()).Label("no task ran twice"))
                .And(ranIndexes.Order().SequenceEqual(expected).Label("exactly the tasks not kept ran"))
                .And(Reachable(c.Pipeline, c.Chosen).All(ranIndexes.Contains)
                    .Label("the chosen task and everything downstream ran"));
        }));
    }

    private static (PipelineDefinition Definition, RunState Final) FirstRun(RandomPipeline pipeline)
    {
        var definition = pipeline.Definition;
        var final = RunDecider.Initial;
        RunSimulator.Run(definition, pipeline.Options, (_, decision) => final = decision.State);
        return (definition, final);
    }

    private static int Index(string key) => int.Parse(key.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The node and every node reachable from it over the pipeline's edges.</summary>
    private static HashSet<int> Reachable(RandomPipeline pipeline, int from)
    {
        var found = new HashSet<int> { from };
        // Edges go from a lower to a higher index, so one pass in index order closes the set.
        foreach (var (parent, child) in pipeline.Edges.OrderBy(e => e.Parent))
        {
            if (found.Contains(parent))
            {
                found.Add(child);
            }
        }

        return found;
    }

    /// <summary>Starts a run with the kept results and answers every task it starts with success.</summary>
    private static List<string> RunToTheEnd(PipelineDefinition definition,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement?> kept, out RunStatus? status)
    {
        var run = new DeciderHarness();
        var pending = new Queue<RunTask>(run.Start(definition, kept).Runs());
        var ran = new List<string>();
        while (pending.TryDequeue(out var next))
        {
            ran.Add(next.TaskKey);
            foreach (var started in run.Succeed(next.TaskKey, next.Attempt).Runs())
            {
                pending.Enqueue(started);
            }
        }

        status = run.All.OfType<CompleteRun>().SingleOrDefault()?.Status;
        return ran;
    }
}
