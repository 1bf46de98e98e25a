using FsCheck;
using FsCheck.Fluent;
using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Core.Tests.Dag;

public class DagPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void A_topological_order_lists_every_node_once_and_respects_every_edge()
    {
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var order = TopologicalSort.TryOrder(dag.Graph);
            if (order is null)
            {
                return false;
            }

            var position = new int[dag.Count];
            Array.Fill(position, -1);
            for (var k = 0; k < order.Length; k++)
            {
                position[order[k]] = k;
            }

            return position.All(p => p >= 0) && dag.Edges.All(e => position[e.Parent] < position[e.Child]);
        }));
    }

    [Fact]
    public void Upward_rank_is_at_least_each_childs_rank_plus_own_duration_and_equal_for_the_largest()
    {
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var graph = dag.Graph;
            var rank = DagAlgorithms.UpwardRank(graph, TopologicalSort.TryOrder(graph)!, dag.Weights);
            return Enumerable.Range(0, dag.Count).All(u =>
            {
                var children = graph.Children(u).ToArray();
                var bound = dag.Weights[u] + (children.Length == 0 ? 0 : children.Max(c => rank[c]));
                return children.All(c => rank[u] >= rank[c] + dag.Weights[u]) && rank[u] == bound;
            });
        }));
    }

    [Fact]
    public void A_definition_indexes_as_its_ids_and_edges_do_when_dependencies_name_later_tasks()
    {
        // RandomDag shuffles its nodes, so many dependencies name a later task: those rows are resolved after every
        // id is added, the others as their task is read; either way the graph, order and ranks are those of the
        // edges. The definition's critical path is read from its parent rows, the edges' from the child rows and the
        // rank: whole-second weights from 0 to 100 make ties between children common.
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var tasks = Enumerable.Range(0, dag.Count).Select(i => new TaskDefinition
            {
                Id = $"t{i}",
                Kind = "delay",
                DependsOn = [.. dag.Edges.Where(e => e.Child == i).Select(e => $"t{e.Parent}")],
                ExpectedDuration = TimeSpan.FromSeconds(dag.Weights[i]),
            }).ToArray();
            var fromDefinition = DagIndex.Build(new PipelineDefinition { Id = "p", OwnerGroup = "g", Tasks = tasks });
            var fromEdges = DagIndex.Build([.. tasks.Select(t => t.Id)],
                tasks.SelectMany(t => t.DependsOn.Select(p => (p, t.Id))),
                [.. tasks.Select(t => t.ExpectedDuration)]);

            return Enumerable.Range(0, dag.Count).All(i =>
                       fromDefinition.Parents(i).SequenceEqual(fromEdges.Parents(i)) &&
                       fromDefinition.Children(i).SequenceEqual(fromEdges.Children(i)))
                   && fromDefinition.TopologicalOrder.SequenceEqual(fromEdges.TopologicalOrder)
                   && fromDefinition.UpwardRank().SequenceEqual(fromEdges.UpwardRank())
                   && SamePath(fromDefinition.CriticalPath(), fromEdges.CriticalPath());
        }));
    }

    [Fact]
    public void Levels_put_every_child_below_its_parents()
    {
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var graph = dag.Graph;
            var level = DagAlgorithms.Levels(graph, TopologicalSort.TryOrder(graph)!);
            return dag.Edges.All(e => level[e.Child] > level[e.Parent])
                && Enumerable.Range(0, dag.Count).All(u => graph.Parents(u).Length > 0 || level[u] == 0);
        }));
    }

    [Fact]
    public void Descendant_counts_match_a_breadth_first_search_from_each_node()
    {
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var graph = dag.Graph;
            var counts = DagAlgorithms.DescendantCounts(graph, TopologicalSort.TryOrder(graph)!);
            return Enumerable.Range(0, dag.Count).All(u => counts[u] == Reachable(graph, u) - 1);
        }));
    }

    [Fact]
    public void The_critical_path_follows_edges_and_its_weight_is_the_largest_rank()
    {
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var graph = dag.Graph;
            var rank = DagAlgorithms.UpwardRank(graph, TopologicalSort.TryOrder(graph)!, dag.Weights);
            var path = DagAlgorithms.CriticalPath(graph, rank);
            var followsEdges = path.Zip(path.Skip(1)).All(p => graph.Children(p.First).Contains(p.Second));
            var endsAtSink = graph.Children(path[^1]).Length == 0;
            return followsEdges && endsAtSink && path.Sum(i => dag.Weights[i]) == rank.Max();
        }));
    }

    [Fact]
    public void Adding_a_back_edge_along_a_path_makes_a_cycle_that_the_finder_reports()
    {
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var acyclic = dag.Graph;
            if (dag.Edges.Length == 0)
            {
                return CycleFinder.Find(acyclic) is null;
            }

            var (parent, child) = dag.Edges[0];
            var cyclic = DagGraph.Create(dag.Count, [.. dag.Edges, (child, parent)]);
            var cycle = CycleFinder.Find(cyclic);
            return CycleFinder.Find(acyclic) is null && TopologicalSort.TryOrder(cyclic) is null
                && cycle is { Length: >= 3 } && cycle[0] == cycle[^1]
                && cycle.Zip(cycle.Skip(1)).All(p => cyclic.Children(p.First).Contains(p.Second));
        }));
    }

    [Fact]
    public void Acyclicity_read_from_parent_rows_agrees_with_a_topological_order_with_and_without_a_back_edge()
    {
        Check.One(Config, Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var (lastParent, lastChild) = dag.Edges.Length == 0 ? (0, 0) : dag.Edges[^1];
            var graphs = dag.Edges.Length == 0
                ? [dag.Graph]
                : new[] { dag.Graph, DagGraph.Create(dag.Count, [.. dag.Edges, (lastChild, lastParent)]) };
            return graphs.All(graph =>
            {
                var parentStart = new int[graph.Count + 1];
                var parents = new List<int>();
                for (var u = 0; u < graph.Count; u++)
                {
                    parents.AddRange(graph.Parents(u).ToArray());
                    parentStart[u + 1] = parents.Count;
                }

                return TopologicalSort.IsAcyclic(graph.Count, parentStart, [.. parents])
                    == (TopologicalSort.TryOrder(graph) is not null);
            });
        }));
    }

    private static int Reachable(DagGraph graph, int from)
    {
        var seen = new HashSet<int> { from };
        var queue = new Queue<int>([from]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var child in graph.Children(node))
            {
                if (seen.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return seen.Count;
    }

    private static bool SamePath(CriticalPath a, CriticalPath b) =>
        a.TaskIds.SequenceEqual(b.TaskIds) && a.Length == b.Length;
}
