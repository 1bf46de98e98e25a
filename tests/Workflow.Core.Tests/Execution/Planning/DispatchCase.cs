using FsCheck;
using FsCheck.Fluent;
using Workflow.Core.Tests.Dag;
using Workflow.Dag;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Simulation;

namespace Workflow.Core.Tests.Execution.Planning;

/// <summary>
/// A random DAG with random whole-second durations (ties are common), random priorities and a slot count, as a
/// pipeline whose expected durations are the durations the simulated run takes.
/// </summary>
public sealed record DispatchCase(RandomDag Dag, int[] Priorities, int Slots)
{
    public static Arbitrary<DispatchCase> Arbitrary { get; } = Arb.From(
        from dag in RandomDag.Gen
        from priorities in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 2))), dag.Count)
        from slots in Gen.Choose(1, 6)
        select new DispatchCase(dag, priorities, slots));

    public PipelineDefinition Definition => new()
    {
        Id = "dispatch",
        OwnerGroup = "g",
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = Slots },
        Tasks = [.. Enumerable.Range(0, Dag.Count).Select(i => new TaskDefinition
        {
            Id = $"t{i}",
            Kind = "process",
            DependsOn = [.. Dag.Edges.Where(e => e.Child == i).Select(e => $"t{e.Parent}").Distinct()],
            Priority = Priorities[i],
            ExpectedDuration = TimeSpan.FromSeconds(Dag.Weights[i]),
        })],
    };

    /// <summary>The run simulated with the real decider under <paramref name="policy"/>, durations exact.</summary>
    public SimulationReport Simulate(DispatchPolicy policy) =>
        RunSimulator.Run(Definition, new SimulationOptions { DefaultWorkers = Slots, Dispatch = policy });

    public ListScheduler Scheduler()
    {
        var dag = DagIndex.Build(Definition);
        return new ListScheduler(dag.Graph, dag.TopologicalOrder.ToArray(), dag.Weights(), Priorities, Slots);
    }

    public override string ToString() => $"{Dag} priorities=[{string.Join(", ", Priorities)}] slots={Slots}";
}
