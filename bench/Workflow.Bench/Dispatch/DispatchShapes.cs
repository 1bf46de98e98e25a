using Workflow.Model;

namespace Workflow.Bench.Dispatch;

/// <summary>
/// Generated DAGs for the dispatch comparison, with heavy-tailed (log-normal) task durations so that the
/// order of dispatch matters. Seeded: the same call gives the same DAG and durations.
/// </summary>
public static class DispatchShapes
{
    /// <summary>Layers of about √n tasks; each task depends on one to three tasks of the layer above.</summary>
    public static PipelineDefinition Layered(int n, int seed)
    {
        var random = new Random(seed);
        var width = Math.Max(2, (int)Math.Sqrt(n));
        return Define($"layered-{n}", n, random, i =>
        {
            var layerStart = i / width * width;
            if (layerStart == 0)
            {
                return [];
            }

            var count = random.Next(1, 4);
            return [.. Enumerable.Range(0, count).Select(_ => layerStart - width + random.Next(width))];
        });
    }

    /// <summary>
    /// Fork-join stages in sequence: a fork task, about √n branches (chains of one to four tasks), and a join
    /// that the next stage's fork depends on.
    /// </summary>
    public static PipelineDefinition ForkJoin(int n, int seed)
    {
        var random = new Random(seed);
        var width = Math.Max(2, (int)Math.Sqrt(n) / 2);
        var parents = new List<int[]>(n);
        var join = -1;
        while (parents.Count < n)
        {
            var fork = parents.Count;
            parents.Add(join < 0 ? [] : [join]);
            var tails = new List<int>();
            for (var b = 0; b < width && parents.Count < n - 1; b++)
            {
                var previous = fork;
                for (var k = random.Next(1, 5); k > 0 && parents.Count < n - 1; k--)
                {
                    parents.Add([previous]);
                    previous = parents.Count - 1;
                }

                tails.Add(previous);
            }

            if (parents.Count >= n)
            {
                break;
            }

            join = parents.Count;
            parents.Add(tails.Count > 0 ? [.. tails] : [fork]);
        }

        return Define($"fork-join-{n}", n, random, i => parents[i]);
    }

    /// <summary>Each task depends on zero to three uniformly chosen earlier tasks: deep, irregular DAGs.</summary>
    public static PipelineDefinition Random(int n, int seed)
    {
        var random = new Random(seed);
        return Define($"random-{n}", n, random, i => i == 0
            ? []
            : [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(i))]);
    }

    private static PipelineDefinition Define(string id, int n, Random random, Func<int, int[]> parents)
    {
        var tasks = new TaskDefinition[n];
        for (var i = 0; i < n; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            tasks[i] = new TaskDefinition
            {
                Id = $"t{i}",
                Kind = "process",
                DependsOn = [.. parents(i).Distinct().Select(p => $"t{p}")],
                ExpectedDuration = TimeSpan.FromSeconds(Math.Round(10 * Math.Exp(normal), 3)),
            };
        }

        return new PipelineDefinition { Id = id, OwnerGroup = "bench", Tasks = tasks };
    }
}
