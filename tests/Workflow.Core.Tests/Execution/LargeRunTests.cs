using Workflow.Execution;
using Workflow.Model;
using Workflow.Simulation;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class LargeRunTests
{
    private static PipelineDefinition Chain(int n) => new()
    {
        Id = "chain",
        OwnerGroup = "g",
        Tasks = [.. Enumerable.Range(0, n).Select(i => new TaskDefinition
        {
            Id = $"t{i}", Kind = "process", DependsOn = i == 0 ? [] : [$"t{i - 1}"],
        })],
    };

    [Fact]
    public void A_failure_at_the_head_of_a_10000_task_chain_skips_the_rest_in_one_step()
    {
        var run = new DeciderHarness();
        run.Start(Chain(10_000));

        var commands = run.Fail("t0", kind: ErrorKinds.InvalidInput);

        Assert.Equal(new RunSummary(0, 1, 9_999, 0, 10_000), commands.Single<CompleteRun>().Summary);
        Assert.Equal(TaskStatus.Skipped, run.StatusOf("t9999"));
    }

    [Fact]
    public void A_10000_task_fan_out_and_join_runs_to_completion_under_simulation()
    {
        var definition = new PipelineDefinition
        {
            Id = "fan",
            OwnerGroup = "g",
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 64 },
            Tasks =
            [
                new TaskDefinition { Id = "root", Kind = "process" },
                .. Enumerable.Range(0, 10_000).Select(i => new TaskDefinition
                {
                    Id = $"leaf{i}", Kind = "process", DependsOn = ["root"],
                }),
                new TaskDefinition
                {
                    Id = "join", Kind = "process", DependsOn = [.. Enumerable.Range(0, 10_000).Select(i => $"leaf{i}")],
                },
            ],
        };

        var report = RunSimulator.Run(definition, new SimulationOptions { DefaultWorkers = 64 });

        Assert.Equal(RunStatus.Succeeded, report.Status);
        Assert.Equal(10_002, report.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(1 + Math.Ceiling(10_000 / 64.0) + 1), report.Makespan);
    }
}
