using Workflow.Building;
using Workflow.Dag;
using Workflow.Model;
using static Workflow.Building.Tasks;

namespace Workflow.Core.Tests.Dag;

public class DagIndexTests
{
    // extract-a (10s) and extract-b (unknown) feed transform (30s), which feeds load (5s) and report (unknown).
    private static PipelineDefinition Sample() => Pipeline.Define("sample", owner: "data-eng")
        .Task("extract-a", Delay(TimeSpan.Zero), expected: TimeSpan.FromSeconds(10))
        .Task("transform", Delay(TimeSpan.Zero), after: ["extract-a", "extract-b"], expected: TimeSpan.FromSeconds(30))
        .Task("extract-b", Delay(TimeSpan.Zero))
        .Task("load", Delay(TimeSpan.Zero), after: ["transform"], expected: TimeSpan.FromSeconds(5))
        .Task("report", Delay(TimeSpan.Zero), after: ["transform"])
        .Build();

    [Fact]
    public void Ids_map_to_indexes_in_definition_order_with_parents_and_children()
    {
        var dag = DagIndex.Build(Sample());

        Assert.Equal(1, dag.IndexOf("transform"));
        Assert.Equal("extract-b", dag.IdOf(2));
        Assert.Equal([0, 2], dag.Parents(1).ToArray());
        Assert.Equal([3, 4], dag.Children(1).ToArray());
        Assert.False(dag.TryGetIndex("missing", out _));
        Assert.Contains("missing", Assert.Throws<KeyNotFoundException>(() => dag.IndexOf("missing")).Message);
    }

    [Fact]
    public void The_topological_order_is_deterministic_and_levels_count_dependency_depth()
    {
        var dag = DagIndex.Build(Sample());

        Assert.Equal(["extract-a", "extract-b", "transform", "load", "report"],
            dag.TopologicalOrder.Select(dag.IdOf));
        Assert.Equal([0, 1, 0, 2, 2], dag.Levels);
    }

    [Fact]
    public void Estimates_weigh_the_tasks_whose_ids_they_name_exactly_whatever_the_map()
    {
        // The estimates' own comparer does not widen what they name: a definition's index matches ids ordinally.
        var ordinal = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["transform"] = TimeSpan.FromSeconds(7),
            ["LOAD"] = TimeSpan.FromSeconds(8),
            ["missing"] = TimeSpan.FromSeconds(9),
            ["report"] = TimeSpan.FromSeconds(-3),
        };
        var ignoringCase = new Dictionary<string, TimeSpan>(ordinal, StringComparer.OrdinalIgnoreCase);
        var sorted = new SortedDictionary<string, TimeSpan>(ordinal, StringComparer.Ordinal);

        var byDefault = DagIndex.Build(Sample()).Weights(new Dictionary<string, TimeSpan>(ordinal));
        var byOrdinal = DagIndex.Build(Sample()).Weights(ordinal);
        var byIgnoringCase = DagIndex.Build(Sample()).Weights(ignoringCase);
        var bySorted = DagIndex.Build(Sample()).Weights(sorted);

        Assert.Equal([10, 7, 1, 5, 0], byOrdinal);
        Assert.Equal(byOrdinal, byDefault);
        Assert.Equal(byOrdinal, byIgnoringCase);
        Assert.Equal(byOrdinal, bySorted);
    }

    [Fact]
    public void Upward_rank_uses_configured_durations_and_one_second_where_unknown()
    {
        var dag = DagIndex.Build(Sample());

        var rank = dag.UpwardRank();

        Assert.Equal(35, rank[dag.IndexOf("transform")]);
        Assert.Equal(45, rank[dag.IndexOf("extract-a")]);
        Assert.Equal(36, rank[dag.IndexOf("extract-b")]);
        Assert.Equal(1, rank[dag.IndexOf("report")]);
    }

    [Fact]
    public void Estimates_override_configured_durations_and_change_the_critical_path()
    {
        var dag = DagIndex.Build(Sample());
        var estimates = new Dictionary<string, TimeSpan>
        {
            ["extract-b"] = TimeSpan.FromMinutes(2),
            ["report"] = TimeSpan.FromSeconds(50),
        };

        var path = dag.CriticalPath(estimates);

        Assert.Equal(["extract-b", "transform", "report"], path.TaskIds);
        Assert.Equal(TimeSpan.FromSeconds(200), path.Length);
        Assert.Equal(["extract-a", "transform", "load"], dag.CriticalPath().TaskIds);
        Assert.Equal(TimeSpan.FromSeconds(45), dag.CriticalPath().Length);
    }

    [Fact]
    public void Descendant_counts_count_each_downstream_task_once_across_diamonds()
    {
        // a -> b, a -> c, b -> d, c -> d: summing over children would count d twice for a.
        var dag = DagIndex.Build(["a", "b", "c", "d"], [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]);

        Assert.Equal([3, 1, 1, 0], dag.DescendantCounts());
    }

    [Fact]
    public void Descendant_counts_stay_exact_past_one_64_task_block()
    {
        var random = new Random(7);
        const int n = 300;
        var edges = new List<(int, int)>();
        for (var i = 0; i < 900; i++)
        {
            var a = random.Next(n);
            var b = random.Next(n);
            if (a != b)
            {
                edges.Add((Math.Min(a, b), Math.Max(a, b)));
            }
        }

        var graph = DagGraph.Create(n, edges);
        var counts = DagAlgorithms.DescendantCounts(graph, TopologicalSort.TryOrder(graph)!);

        for (var u = 0; u < n; u++)
        {
            var seen = new HashSet<int>();
            var stack = new Stack<int>([u]);
            while (stack.TryPop(out var node))
            {
                foreach (var child in graph.Children(node))
                {
                    if (seen.Add(child))
                    {
                        stack.Push(child);
                    }
                }
            }

            Assert.Equal(seen.Count, counts[u]);
        }
    }

    [Fact]
    public void Building_a_cyclic_definition_names_the_cycle()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DagIndex.Build(["a", "b", "c", "d"], [("d", "a"), ("a", "b"), ("b", "c"), ("c", "a")]));

        Assert.Contains("a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void Building_with_an_unknown_dependency_or_a_duplicate_id_names_it()
    {
        var unknown = Assert.Throws<ArgumentException>(() => DagIndex.Build(["a"], [("ghost", "a")]));
        var duplicate = Assert.Throws<ArgumentException>(() => DagIndex.Build(["a", "a"], []));

        Assert.Contains("'ghost'", unknown.Message);
        Assert.Contains("'a'", duplicate.Message);
    }

    [Fact]
    public void A_duplicate_id_is_named_before_an_unknown_dependency_of_an_earlier_task()
    {
        // One pass adds ids and resolves dependencies together; a dependency it cannot resolve yet waits for the
        // last id, so the duplicate, found first when every id is added first, is still the one named.
        var definition = Pipeline.Define("p", owner: "g")
            .Task("a", Delay(TimeSpan.Zero), after: ["ghost"])
            .Task("b", Delay(TimeSpan.Zero), after: ["a"])
            .Build();
        var duplicated = definition with { Tasks = [.. definition.Tasks, definition.Tasks[1]] };

        var duplicate = Assert.Throws<ArgumentException>(() => DagIndex.Build(duplicated));
        var unknown = Assert.Throws<ArgumentException>(() => DagIndex.Build(definition));

        Assert.Contains("'b' appears more than once", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("unknown task 'ghost'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Building_a_cyclic_definition_names_the_cycle_and_a_chain_keeps_its_critical_path()
    {
        var cyclic = Pipeline.Define("p", owner: "g")
            .Task("a", Delay(TimeSpan.Zero), after: ["c"])
            .Task("b", Delay(TimeSpan.Zero), after: ["a"])
            .Task("c", Delay(TimeSpan.Zero), after: ["b"])
            .Task("d", Delay(TimeSpan.Zero), after: ["a"])
            .Build();
        var chain = Pipeline.Define("p", owner: "g")
            .Task("a", Delay(TimeSpan.Zero), expected: TimeSpan.FromSeconds(2))
            .Task("b", Delay(TimeSpan.Zero), after: ["a"])
            .Task("c", Delay(TimeSpan.Zero), after: ["a"], expected: TimeSpan.FromSeconds(1))
            .Build();

        var error = Assert.Throws<ArgumentException>(() => DagIndex.Build(cyclic));
        var path = DagIndex.Build(chain).CriticalPath();

        Assert.Equal("The tasks form a cycle: a -> b -> c -> a. (Parameter 'ids')", error.Message);
        Assert.Equal(["a", "b"], path.TaskIds); // b and c tie at one second: the earlier task is taken
        Assert.Equal(TimeSpan.FromSeconds(3), path.Length);
    }

    [Fact]
    public void Indexing_a_definition_keeps_no_copy_of_its_ids_and_no_id_table_until_one_is_asked_for()
    {
        // Kept per task: the configured weight (a double), the parent row's start (an int) and one int per
        // dependency; a copy of the ids would add a reference (8 bytes) per task, and an id table made before an id
        // is looked up its slots (4/3 of an int).
        const int n = 20_000;
        var chain = new PipelineDefinition
        {
            Id = "chain",
            OwnerGroup = "g",
            Tasks = [.. Enumerable.Range(0, n).Select(i => new TaskDefinition
            {
                Id = $"t{i}",
                Kind = "delay",
                DependsOn = i == 0 ? Array.Empty<string>() : new[] { $"t{i - 1}" }, // arrays, read as they are
            })],
        };
        DagIndex.Build(chain); // the first build's one-time costs are not the index's

        var before = GC.GetAllocatedBytesForCurrentThread();
        var dag = DagIndex.Build(chain);
        var perTask = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)n;

        Assert.InRange(perTask, 16.0, 19.0);
        Assert.Equal("t19999", dag.IdOf(n - 1));
        Assert.Equal(n - 2, dag.Parents(n - 1)[0]);
        Assert.Equal(n - 1, dag.IndexOf("t19999")); // the table, made now
        Assert.False(dag.TryGetIndex("t20000", out _));
    }

    [Fact]
    public void A_chain_of_100000_tasks_is_analysed_without_overflowing_the_stack()
    {
        const int n = 100_000;
        var ids = Enumerable.Range(0, n).Select(i => $"t{i}").ToArray();
        var edges = Enumerable.Range(1, n - 1).Select(i => (ids[i - 1], ids[i]));
        var graph = DagGraph.Create(n, [.. Enumerable.Range(1, n - 1).Select(i => (i, i - 1)), (0, n - 1)]);

        var dag = DagIndex.Build(ids, edges);

        Assert.Equal(n, dag.UpwardRank()[0]);
        Assert.Equal(n - 1, dag.Levels[^1]);
        Assert.Equal(n + 1, CycleFinder.Find(graph)!.Length);
    }
}
