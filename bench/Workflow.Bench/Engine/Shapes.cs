using System.Text.Json;
using Workflow.Model;

namespace Workflow.Bench.Engine;

/// <summary>The benchmark DAGs: a root with n-1 children, and a chain of n tasks, all trivial code tasks.</summary>
internal static class Shapes
{
    private static readonly JsonElement Noop = JsonSerializer.SerializeToElement(new { handler = "noop" });

    public static PipelineDefinition FanOut(int n) => Define($"fanout-{n}",
        Enumerable.Range(0, n).Select(i => Task(i, i == 0 ? [] : ["t0"])));

    public static PipelineDefinition Chain(int n) => Define($"chain-{n}",
        Enumerable.Range(0, n).Select(i => Task(i, i == 0 ? [] : [$"t{i - 1}"])));

    private static TaskDefinition Task(int i, string[] dependsOn) =>
        new() { Id = $"t{i}", Kind = "code", Config = Noop, DependsOn = dependsOn };

    private static PipelineDefinition Define(string id, IEnumerable<TaskDefinition> tasks) => new()
    {
        Id = id,
        OwnerGroup = "bench",
        Tasks = tasks.ToList(),
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 1024 },
    };
}
