using System.Diagnostics;
using Workflow.Dag;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Bench.Dag;

/// <summary>
/// Validates and ranks (index, upward rank, critical path) chains, wide fan-outs and layered DAGs of 10,000 and
/// 100,000 tasks. Every pass is linear, so the 100k/10k time ratio should be near 10. Sizes are measured
/// interleaved, round by round, and the best round is kept, so machine load affects both sides alike.
/// </summary>
public static class DagBenchmark
{
    private const int Small = 10_000;
    private const int Large = 100_000;
    private const int WarmUp = 2;
    private const int Rounds = 9;

    public static void Run()
    {
        var validator = new PipelineValidator(new ValidationOptions().WithTaskKinds("delay"));
        Console.WriteLine($"dag: best of {Rounds} interleaved rounds after {WarmUp} warm-up rounds, milliseconds of " +
                          "process CPU time (wall-clock in brackets; on a loaded machine it includes waiting for a core)");
        Console.WriteLine();
        Console.WriteLine("| shape    | edges 100k | validate 10k  | validate 100k   | ratio | rank 10k      | rank 100k       | ratio |");
        Console.WriteLine("|----------|------------|---------------|-----------------|-------|---------------|-----------------|-------|");
        foreach (var (shape, make) in new (string, Func<int, PipelineDefinition>)[]
                 {
                     ("chain", Shapes.Chain), ("fan-out", Shapes.FanOut), ("layered", Shapes.Layered),
                 })
        {
            var small = make(Small);
            var large = make(Large);
            var validate = Compare(() => Validate(validator, small), () => Validate(validator, large));
            var rank = Compare(() => Rank(small), () => Rank(large));
            var edges = large.Tasks.Sum(t => t.DependsOn.Count);
            Console.WriteLine(
                $"| {shape,-8} | {edges,10:N0} | {Cell(validate.Small),13} | {Cell(validate.Large),15} " +
                $"| {validate.Large.Cpu / validate.Small.Cpu,5:F1} | {Cell(rank.Small),13} | {Cell(rank.Large),15} " +
                $"| {rank.Large.Cpu / rank.Small.Cpu,5:F1} |");
        }
    }

    private static string Cell(Sample sample) => $"{sample.Cpu:F2} ({sample.Wall:F1})";

    private static (Sample Small, Sample Large) Compare(Action small, Action large)
    {
        Sample bestSmall = new(double.MaxValue, double.MaxValue), bestLarge = bestSmall;
        for (var round = 0; round < WarmUp + Rounds; round++)
        {
            var s = Time(small);
            var l = Time(large);
            if (round >= WarmUp)
            {
                bestSmall = bestSmall.Min(s);
                bestLarge = bestLarge.Min(l);
            }
        }

        return (bestSmall, bestLarge);
    }

    private static Sample Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        var wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return new Sample((process.TotalProcessorTime - cpu).TotalMilliseconds, wall);
    }

    private readonly record struct Sample(double Cpu, double Wall)
    {
        public Sample Min(Sample other) => new(Math.Min(Cpu, other.Cpu), Math.Min(Wall, other.Wall));
    }

    private static void Validate(PipelineValidator validator, PipelineDefinition definition)
    {
        var result = validator.Validate(definition);
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"The generated pipeline is not valid: {result.Errors[0]}");
        }
    }

    private static void Rank(PipelineDefinition definition)
    {
        var dag = DagIndex.Build(definition);
        var path = dag.CriticalPath();
        if (path.TaskIds.Count == 0 || path.Length <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("A non-empty pipeline has a critical path.");
        }
    }
}
