using System.Text.Json;
using Workflow.Model;

namespace Workflow.Bench.Dag;

/// <summary>Generated pipeline shapes of a given size.</summary>
public static class Shapes
{
    /// <summary>t0 -> t1 -> ... -> tn-1: the deepest possible DAG.</summary>
    public static PipelineDefinition Chain(int n) => Define($"chain-{n}", n, i => i == 0 ? [] : [Id(i - 1)]);

    /// <summary>One root, n-2 parallel tasks and one join: the widest possible DAG.</summary>
    public static PipelineDefinition FanOut(int n) => Define($"fan-out-{n}", n, i => i switch
    {
        0 => [],
        _ when i == n - 1 => [.. Enumerable.Range(1, n - 2).Select(Id)],
        _ => [Id(0)],
    });

    /// <summary>Layers of 100 tasks, each depending on three tasks of the layer above.</summary>
    public static PipelineDefinition Layered(int n) => Define($"layered-{n}", n, i => i < 100
        ? []
        : [Id(i - 100), Id(i - 100 - (i % 100) + ((i + 37) % 100)), Id(i - 100 - (i % 100) + ((i + 71) % 100))]);

    private static readonly JsonElement OneSecond = JsonSerializer.SerializeToElement(new { duration = "1s" });

    private static string Id(int i) => $"t{i}";

    private static PipelineDefinition Define(string id, int n, Func<int, string[]> parents) => new()
    {
        Id = id,
        OwnerGroup = "bench",
        Tasks = [.. Enumerable.Range(0, n).Select(i => new TaskDefinition
        {
            Id = Id(i),
            Kind = "delay",
            Config = OneSecond,
            DependsOn = parents(i).Distinct().ToArray(),
            ExpectedDuration = TimeSpan.FromSeconds(1 + (i % 7)),
        })],
    };
}
