using FsCheck;
using FsCheck.Fluent;
using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Core.Tests.Dag;

public class TaskIdTableTests
{
    [Fact]
    public void Ids_resolve_to_their_index_and_a_repeated_id_names_the_first()
    {
        using var table = TaskIdTable.Rent(4);

        Assert.Equal(-1, table.TryAdd("extract", 0));
        Assert.Equal(-1, table.TryAdd("load", 2));
        Assert.Equal(0, table.TryAdd("extract", 3));

        Assert.Equal(0, table.IndexOf("extract"));
        Assert.Equal(2, table.IndexOf("load"));
        Assert.Equal(-1, table.IndexOf("Extract"));
        Assert.Null(table.IdOf(3));
        Assert.Equal(["extract", "load"], table.Keys);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Many_ids_of_the_same_length_all_resolve()
    {
        const int n = 50_000;
        var table = new TaskIdTable(n);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(-1, table.TryAdd($"t{i:D6}", i));
        }

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(i, table.IndexOf($"t{i:D6}"));
        }

        Assert.Equal(-1, table.IndexOf($"t{n:D6}"));
    }

    [Fact]
    public void A_rented_table_resolves_short_long_and_non_ascii_ids_and_nothing_near_them()
    {
        // A rented table compares with its own copy of short ASCII ids, and with the strings for the others.
        const int n = 30_000;
        static string IdOf(int i) => (i % 3) switch
        {
            0 => $"t{i}",
            1 => $"t\u00e2che-{i}",
            _ => $"{new string('x', 140)}{i}",
        };

        using var table = TaskIdTable.Rent(n + 1);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(-1, table.TryAdd(IdOf(i), i));
        }

        for (var i = 0; i < n; i++)
        {
            var id = IdOf(i);
            Assert.Equal(i, table.IndexOf(new string(id.AsSpan()))); // an equal string, not the same object
            Assert.Equal(-1, table.IndexOf(id + "x"));
            Assert.Equal(-1, table.IndexOf(id[..^1] + "y"));
            Assert.Equal(-1, table.IndexOf("T" + id[1..]));
        }

        Assert.Equal(3, table.TryAdd(new string(IdOf(3).AsSpan()), n)); // a repeat names the first
    }

    [Fact]
    public void A_table_over_tasks_resolves_their_ids_in_order_and_names_a_repeat()
    {
        TaskDefinition[] tasks = [.. new[] { "extract", "load", "extract" }.Select(id => new TaskDefinition
        {
            Id = id,
            Kind = "delay",
        })];
        var table = new TaskIdTable(tasks);

        Assert.Equal(-1, table.TryAdd(tasks[0].Id, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.TryAdd(tasks[2].Id, 2)); // ids are added in order
        Assert.Null(table.IdOf(1));
        Assert.Equal(-1, table.TryAdd(tasks[1].Id, 1));
        Assert.Equal(0, table.TryAdd(tasks[2].Id, 2));

        Assert.Equal(1, table.IndexOf(new string("load".AsSpan()))); // an equal string, not the same object
        Assert.Equal(-1, table.IndexOf("Load"));
        Assert.Equal("load", table.IdOf(1));
        Assert.Equal(["extract", "load"], table.Keys);
        Assert.Equal(["extract", "load", "extract"], table.IdList); // read from the tasks
    }

    [Fact]
    public void Parent_rows_give_the_graph_that_the_same_edges_give()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var byChild = dag.Edges.OrderBy(e => e.Child).ToArray(); // stable: each child's parents keep their order
            var parentStart = new int[dag.Count + 1];
            foreach (var (_, child) in byChild)
            {
                parentStart[child + 1]++;
            }

            for (var i = 0; i < dag.Count; i++)
            {
                parentStart[i + 1] += parentStart[i];
            }

            var rows = DagGraph.FromParentRows(dag.Count, parentStart, [.. byChild.Select(e => e.Parent), 7, 7]);
            var edges = DagGraph.Create(dag.Count, byChild);
            return rows.EdgeCount == edges.EdgeCount && Enumerable.Range(0, dag.Count).All(u =>
                rows.Children(u).SequenceEqual(edges.Children(u)) && rows.Parents(u).SequenceEqual(edges.Parents(u)));
        }));
    }

    [Fact]
    public void A_definition_is_indexed_and_ranked_as_its_ids_and_edges_are()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(RandomDag.Arbitrary, dag =>
        {
            var ids = Enumerable.Range(0, dag.Count).Select(i => $"task-{i}").ToArray();
            var edges = dag.Edges.Distinct().ToArray();
            var definition = new PipelineDefinition
            {
                Id = "p",
                OwnerGroup = "g",
                Tasks = [.. ids.Select((id, i) => new TaskDefinition
                {
                    Id = id,
                    Kind = "delay",
                    DependsOn = [.. edges.Where(e => e.Child == i).Select(e => ids[e.Parent])],
                    ExpectedDuration = TimeSpan.FromSeconds(dag.Weights[i]),
                })],
            };

            var fromDefinition = DagIndex.Build(definition);
            var fromEdges = DagIndex.Build(ids, edges.OrderBy(e => e.Child).Select(e => (ids[e.Parent], ids[e.Child])),
                [.. dag.Weights.Select(w => (TimeSpan?)TimeSpan.FromSeconds(w))]);
            var a = fromDefinition.CriticalPath();
            var b = fromEdges.CriticalPath();
            return fromDefinition.TopologicalOrder.SequenceEqual(fromEdges.TopologicalOrder) &&
                   a.TaskIds.SequenceEqual(b.TaskIds) && a.Length == b.Length &&
                   fromDefinition.UpwardRank().SequenceEqual(fromEdges.UpwardRank()) &&
                   ids.Select(fromDefinition.IndexOf).SequenceEqual(Enumerable.Range(0, dag.Count)) &&
                   fromDefinition.Ids.SequenceEqual(ids) && fromDefinition.Ids.SequenceEqual(fromEdges.Ids);
        }));
    }
}
