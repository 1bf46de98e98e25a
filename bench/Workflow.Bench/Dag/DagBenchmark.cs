using System.Diagnostics;
using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Bench.Dag;

/// <summary>
/// Indexes and ranks (upward rank and critical path) chains and wide fan-outs of 10,000 and 100,000 tasks.
/// Every pass is linear, so the 100k/10k time ratio should be near 10.
/// </summary>
public static class DagBenchmark
{
    private const int Repeats = 7;

    public static void Run()
    {
        Console.WriteLine($"dag: build index + upward rank + critical path, best of {Repeats} after warm-up");
        foreach (var (shape, make) in new (string, Func<int, PipelineDefinition>)[]
                 {
                     ("chain", Shapes.Chain), ("fan-out", Shapes.FanOut), ("layered", Shapes.Layered),
                 })
        {
            var small = Measure(make(10_000));
            var large = Measure(make(100_000));
            Console.WriteLine(
                $"  {shape,-8} 10k: {small,9:F2} ms   100k: {large,9:F2} ms   ratio 100k/10k: {large / small,5:F1}");
        }
    }

    private static double Measure(PipelineDefinition definition)
    {
        Work(definition);
        var best = double.MaxValue;
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            Work(definition);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static void Work(PipelineDefinition definition)
    {
        var dag = DagIndex.Build(definition);
        var path = dag.CriticalPath();
        if (path.TaskIds.Count == 0)
        {
            throw new InvalidOperationException("A non-empty pipeline has a critical path.");
        }
    }
}
