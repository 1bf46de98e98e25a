using Workflow.Model;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

/// <summary>
/// Random pipelines for the loop's property tests, from a seed so a failure names the case that broke: up to 15
/// tasks, edges from lower to higher index, random trigger rules, durations, failing first attempts, retries,
/// timeouts that some attempts overrun, and a random parallelism limit.
/// </summary>
internal static class RandomRuns
{
    public static PipelineDefinition Pipeline(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(1, 16);
        var rules = Enum.GetValues<TriggerRule>();
        var tasks = new List<TaskDefinition>();
        for (var i = 0; i < count; i++)
        {
            var parents = Enumerable.Range(0, i).Where(_ => random.NextDouble() < 0.25).Select(p => $"t{p}").ToArray();
            var task = Task($"t{i}", seconds: random.Next(1, 60), failAttempts: random.Next(0, 3), after: parents,
                timeout: random.NextDouble() < 0.3 ? TimeSpan.FromSeconds(45) : null, retries: random.Next(0, 3));
            tasks.Add(task with { Trigger = rules[random.Next(rules.Length)] });
        }

        return TestWorlds.Pipeline($"random{seed}", [.. tasks]) with
        {
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = random.Next(1, 6) },
        };
    }
}
