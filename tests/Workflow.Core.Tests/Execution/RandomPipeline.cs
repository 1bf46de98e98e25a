using FsCheck;
using FsCheck.Fluent;
using Workflow.Model;
using Workflow.Simulation;

namespace Workflow.Core.Tests.Execution;

/// <summary>
/// A random pipeline and a random world to run it in: edges go from lower to higher index, each task gets a
/// random trigger rule, retry budget and maybe a timeout; the world injects failures and duplicate deliveries.
/// </summary>
public sealed record RandomPipeline(
    int Count, (int Parent, int Child)[] Edges, int[] Rules, int[] Attempts, bool[] Timeouts,
    int Seed, int FailurePercent, int DuplicatePercent, int Workers, int MaxParallel, int CancelAfterSeconds)
{
    public static Gen<RandomPipeline> Gen { get; } =
        from n in FsCheck.Fluent.Gen.Choose(1, 25)
        from pairs in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Two(FsCheck.Fluent.Gen.Choose(0, n - 1)))
        from rules in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0, 4), n)
        from attempts in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(1, 3), n)
        from timeouts in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Elements(true, false), n)
        from seed in FsCheck.Fluent.Gen.Choose(0, 1_000_000)
        from failure in FsCheck.Fluent.Gen.Choose(0, 50)
        from duplicate in FsCheck.Fluent.Gen.Choose(0, 30)
        from workers in FsCheck.Fluent.Gen.Choose(1, 4)
        from maxParallel in FsCheck.Fluent.Gen.Choose(0, 5)
        from cancel in FsCheck.Fluent.Gen.Frequency((4, FsCheck.Fluent.Gen.Constant(0)),
            (1, FsCheck.Fluent.Gen.Choose(1, 60)))
        select new RandomPipeline(n,
            [.. pairs.Where(p => p.Item1 != p.Item2).Select(p => (Math.Min(p.Item1, p.Item2), Math.Max(p.Item1, p.Item2)))],
            rules, attempts, timeouts, seed, failure, duplicate, workers, maxParallel, cancel);

    public static Arbitrary<RandomPipeline> Arbitrary { get; } = Arb.From(Gen);

    public PipelineDefinition Definition => new()
    {
        Id = "random",
        OwnerGroup = "g",
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = MaxParallel },
        Tasks = [.. Enumerable.Range(0, Count).Select(i => new TaskDefinition
        {
            Id = $"t{i}",
            Kind = "process",
            DependsOn = [.. Edges.Where(e => e.Child == i).Select(e => $"t{e.Parent}")],
            Trigger = (TriggerRule)Rules[i],
            Retry = new RetryPolicy { MaxAttempts = Attempts[i], InitialDelay = TimeSpan.FromSeconds(1), Jitter = 0.5 },
            Timeout = Timeouts[i] ? TimeSpan.FromSeconds(15) : null,
            ExpectedDuration = TimeSpan.FromSeconds(10),
        })],
    };

    public SimulationOptions Options => new()
    {
        Seed = Seed,
        DefaultWorkers = Workers,
        DurationModel = DurationModel.Exponential,
        FailureRate = FailurePercent / 100.0,
        DuplicateRate = DuplicatePercent / 100.0,
        CancelAfter = CancelAfterSeconds > 0 ? TimeSpan.FromSeconds(CancelAfterSeconds) : null,
    };

    public override string ToString() =>
        $"n={Count} edges=[{string.Join(",", Edges.Select(e => $"{e.Parent}->{e.Child}"))}] " +
        $"rules=[{string.Join(",", Rules)}] attempts=[{string.Join(",", Attempts)}] seed={Seed} " +
        $"fail={FailurePercent}% dup={DuplicatePercent}% workers={Workers} maxParallel={MaxParallel} " +
        $"cancelAfter={CancelAfterSeconds}";
}
