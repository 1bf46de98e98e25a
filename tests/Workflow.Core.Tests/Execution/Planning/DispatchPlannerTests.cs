using Workflow.Execution;
using Workflow.Model;
using Workflow.Simulation;
using static Workflow.Core.Tests.Execution.Defs;

namespace Workflow.Core.Tests.Execution.Planning;

public class DispatchPlannerTests
{
    private static TaskDefinition Timed(string id, double seconds, params string[] after) =>
        Task(id, after) with { ExpectedDuration = TimeSpan.FromSeconds(seconds) };

    // On two slots, upward rank starts c (rank 15) and b (13) and leaves a -> f for last: 22 s. FIFO starts a and b
    // first and fills the slots to the end: 20 s, against a bound of 39 s of work / 2.
    private static PipelineDefinition UpwardRankLoses(int slots) => Pipeline(slots,
        Timed("a", 4), Timed("b", 5), Timed("c", 7), Timed("d", 8, "b", "c"), Timed("e", 8, "b"), Timed("f", 7, "a"));

    private static TimeSpan Makespan(PipelineDefinition definition, DispatchPolicy policy) =>
        RunSimulator.Run(definition, new SimulationOptions
        {
            DefaultWorkers = definition.Concurrency.MaxParallelTasks,
            Dispatch = policy,
        }).Makespan;

    [Fact]
    public void Simulated_dispatch_takes_the_order_that_finishes_first_where_upward_rank_finishes_later()
    {
        var definition = UpwardRankLoses(2);

        Assert.Equal(TimeSpan.FromSeconds(22), Makespan(definition, DispatchPolicy.UpwardRank));
        Assert.Equal(TimeSpan.FromSeconds(20), Makespan(definition, DispatchPolicy.Fifo));
        Assert.Equal(TimeSpan.FromSeconds(20), Makespan(definition, DispatchPolicy.Simulated));
    }

    [Fact]
    public void Simulated_dispatch_keys_are_times_to_the_planned_end()
    {
        var run = new DeciderHarness();

        var first = run.Start(UpwardRankLoses(2), dispatch: DispatchPolicy.Simulated).Runs();

        Assert.Equal(["a", "b"], first.Select(r => r.TaskKey));
        Assert.All(first, r => Assert.Equal(20, r.Rank));
    }

    [Fact]
    public void Without_a_limit_on_parallel_tasks_simulated_dispatch_is_upward_rank()
    {
        var run = new DeciderHarness();

        var first = run.Start(UpwardRankLoses(0), dispatch: DispatchPolicy.Simulated).Runs();

        Assert.Equal(["c", "b", "a"], first.Select(r => r.TaskKey));
        Assert.Equal([15.0, 13.0, 11.0], first.Select(r => r.Rank));
    }
}
