using System.Globalization;
using Workflow.Bench.Dag;
using Workflow.Dag;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Bench.Goals;

/// <summary>
/// P7: validate and rank (index, upward rank, critical path) chains, fan-outs and layered DAGs of 10k and 100k
/// tasks. Each sample repeats the work on one million tasks in all (100 × 10k, 10 × 100k), so both sizes are
/// measured over the same amount of work in the steady state of the allocator; sizes alternate, round by round,
/// and the best round of each is kept. The verdict takes the worst shape.
/// </summary>
internal static class DagGoal
{
    private const int Rounds = 3;

    public static GoalLine Measure(GoalsOptions options)
    {
        var validator = new PipelineValidator(new ValidationOptions().WithTaskKinds("delay"));
        var large = 100_000 / options.Scale;
        var small = large / 10;
        var worstRatio = 0.0;
        var worstLarge = TimeSpan.Zero;
        var parts = new List<string>();
        foreach (var (shape, make) in new (string, Func<int, PipelineDefinition>)[]
                 {
                     ("chain", Shapes.Chain), ("fan-out", Shapes.FanOut), ("layered", Shapes.Layered),
                 })
        {
            var smallDefinition = make(small);
            var largeDefinition = make(large);
            var bestSmall = Sample.None;
            var bestLarge = Sample.None;
            for (var round = 0; round <= Rounds; round++)
            {
                var s = Sample.Measure(() => Repeat(validator, smallDefinition, 100), 100);
                var l = Sample.Measure(() => Repeat(validator, largeDefinition, 10), 10);
                if (round > 0)
                {
                    bestSmall = s.Cpu < bestSmall.Cpu ? s : bestSmall;
                    bestLarge = l.Cpu < bestLarge.Cpu ? l : bestLarge;
                }
            }

            var ratio = bestLarge.Cpu / bestSmall.Cpu;
            worstRatio = Math.Max(worstRatio, ratio);
            worstLarge = bestLarge.Cpu > worstLarge ? bestLarge.Cpu : worstLarge;
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{shape} {bestLarge.Cpu.TotalMilliseconds:0.0} ms at {large / 1000}k, ratio {ratio:0.0} " +
                $"(GCs gen0/1/2 per million tasks: {bestSmall.Collections} at {small / 1000}k, " +
                $"{bestLarge.Collections} at {large / 1000}k)"));
        }

        return new GoalLine("P7",
            $"validate and rank a {large:N0}-task DAG; time({large / 1000}k) ÷ time({small / 1000}k)",
            string.Join("; ", parts), "≤ 1 s and ratio ≤ 12 for every shape",
            worstLarge <= TimeSpan.FromSeconds(1) && worstRatio <= 12, "the times above are process CPU per DAG");
    }

    /// <summary>Process CPU per DAG, and the collections of each generation during the whole sample.</summary>
    private readonly record struct Sample(TimeSpan Cpu, string Collections)
    {
        public static Sample None => new(TimeSpan.MaxValue, "");

        public static Sample Measure(Action action, int dags)
        {
            var before = Counts();
            var cpu = Usage.Measure(action).Cpu / dags;
            var after = Counts();
            return new Sample(cpu, string.Join('/', after.Zip(before, (a, b) => a - b)));
        }

        private static int[] Counts() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    }

    private static void Repeat(PipelineValidator validator, PipelineDefinition definition, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var result = validator.Validate(definition);
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"The generated pipeline is not valid: {result.Errors[0]}");
            }

            var path = DagIndex.Build(definition).CriticalPath();
            if (path.TaskIds.Count == 0)
            {
                throw new InvalidOperationException("A non-empty pipeline has a critical path.");
            }
        }
    }
}
