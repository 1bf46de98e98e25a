using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Simulation;

namespace Workflow.Core.Tests.Simulation;

public class RunSimulatorTests
{
    private static TaskDefinition Task(string id, double seconds, params string[] after) => new()
    {
        Id = id,
        Kind = "process",
        DependsOn = after,
        ExpectedDuration = TimeSpan.FromSeconds(seconds),
    };

    private static PipelineDefinition Pipeline(params TaskDefinition[] tasks) => new()
    {
        Id = "sim",
        OwnerGroup = "g",
        Tasks = tasks,
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 0 },
    };

    private static PipelineDefinition ForkJoin() => Pipeline(
        Task("start", 5), Task("a", 10, "start"), Task("b", 20, "start"), Task("c", 30, "start"),
        Task("join", 5, "a", "b", "c"));

    [Fact]
    public void With_enough_workers_a_fork_join_finishes_in_its_critical_path()
    {
        var report = RunSimulator.Run(ForkJoin(), new SimulationOptions { DefaultWorkers = 3 });

        Assert.Equal(RunStatus.Succeeded, report.Status);
        Assert.Equal(TimeSpan.FromSeconds(40), report.Makespan);
        Assert.Equal(TimeSpan.FromSeconds(40), report.CriticalPath);
        Assert.Equal(1.0, report.Ratio);
        Assert.Equal(5, report.Attempts);
    }

    [Fact]
    public void With_one_worker_the_makespan_is_the_total_work_at_full_utilization()
    {
        var report = RunSimulator.Run(ForkJoin(), new SimulationOptions { DefaultWorkers = 1 });

        Assert.Equal(TimeSpan.FromSeconds(70), report.Makespan);
        Assert.Equal(TimeSpan.FromSeconds(70), report.TotalWork);
        Assert.Equal(TimeSpan.FromSeconds(70), report.LowerBound);
        Assert.Equal(1.0, report.Utilization, 6);
    }

    [Fact]
    public void Upward_rank_starts_the_long_chain_first_and_beats_fifo()
    {
        var definition = Pipeline(
            Task("s1", 10), Task("s2", 10), Task("s3", 10), Task("s4", 10), Task("s5", 10), Task("s6", 10),
            Task("c1", 10), Task("c2", 10, "c1"), Task("c3", 10, "c2"));

        var fifo = RunSimulator.Run(definition, new SimulationOptions { DefaultWorkers = 2, Dispatch = DispatchPolicy.Fifo });
        var rank = RunSimulator.Run(definition,
            new SimulationOptions { DefaultWorkers = 2, Dispatch = DispatchPolicy.UpwardRank });

        Assert.Equal(TimeSpan.FromSeconds(60), fifo.Makespan);
        Assert.Equal(TimeSpan.FromSeconds(50), rank.Makespan);
        Assert.Equal(TimeSpan.FromSeconds(45), rank.LowerBound);
    }

    [Fact]
    public void Sampled_durations_depend_on_the_seed_and_task_but_not_on_the_policy()
    {
        var options = new SimulationOptions { DefaultWorkers = 2, DurationModel = DurationModel.LogNormal, Seed = 7 };

        var first = RunSimulator.Run(ForkJoin(), options);
        var again = RunSimulator.Run(ForkJoin(), options);
        var fifo = RunSimulator.Run(ForkJoin(), options with { Dispatch = DispatchPolicy.Fifo });
        var otherSeed = RunSimulator.Run(ForkJoin(), options with { Seed = 8 });

        Assert.Equal(first.Makespan, again.Makespan);
        Assert.Equal(first.TotalWork, fifo.TotalWork);
        Assert.NotEqual(first.TotalWork, otherSeed.TotalWork);
    }

    [Fact]
    public void Injected_failures_use_up_the_retry_budget_and_fail_the_run()
    {
        var definition = Pipeline(Task("a", 1) with
        {
            Retry = new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(2) },
        });

        var report = RunSimulator.Run(definition, new SimulationOptions { FailureRate = 1.0 });

        Assert.Equal(RunStatus.Failed, report.Status);
        Assert.Equal(3, report.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(1 + 2 + 1 + 4 + 1), report.Makespan);
    }

    [Fact]
    public void A_cancellation_in_virtual_time_ends_the_run_cancelled()
    {
        var report = RunSimulator.Run(ForkJoin(), new SimulationOptions { CancelAfter = TimeSpan.FromSeconds(12) });

        Assert.True(report.Completed);
        Assert.Equal(RunStatus.Cancelled, report.Status);
        Assert.Equal(TimeSpan.FromSeconds(12), report.Makespan);
    }

    [Fact]
    public void A_map_expands_over_a_simulated_output_and_its_instances_run_in_parallel()
    {
        var definition = Pipeline(
            Task("list", 1),
            Task("each", 10, "list") with { Map = new MapSpec { Over = "list" } },
            Task("after", 1, "each"));
        var array = JsonDocument.Parse("[1,2,3,4]").RootElement.Clone();

        var report = RunSimulator.Run(definition, new SimulationOptions
        {
            DefaultWorkers = 4,
            Outputs = task => task.TaskId == "list" ? array : null,
        });

        Assert.Equal(RunStatus.Succeeded, report.Status);
        Assert.Equal(6, report.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(12), report.Makespan);
    }
}
