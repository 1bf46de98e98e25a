using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

/// <summary>Which tasks of a run no worker attempt shows, so a host reads their end from the run's final state.</summary>
public class WorkerlessTasksTests
{
    [Fact]
    public void The_tasks_the_decider_carries_out_and_those_it_never_launched_are_workerless_and_those_that_ran_not()
    {
        // Arrange: ran (a worker), sub (a child run), pause (a delay), after (skipped once ran fails), an empty map.
        var run = new DeciderHarness();
        run.Start(Pipeline(
            Task("ran"),
            new TaskDefinition
            {
                Id = "sub",
                Kind = "sub-pipeline",
                Config = DeciderHarness.Json("""{"pipelineId":"child"}"""),
            },
            new TaskDefinition { Id = "pause", Kind = "delay", Config = DeciderHarness.Json("""{"duration":"1s"}""") },
            Task("after", "ran"),
            Task("list"),
            Task("each", "list") with { Map = new MapSpec { Over = "list" } }));
        var child = run.All.Single<StartChildRun>();
        var delay = run.All.OfType<StartTimer>().Single(t => t.Purpose == TimerPurpose.Delay);

        // Act
        run.Fail("ran");
        run.Apply(new ChildRunCompleted(run.Now, "sub", 1, child.ChildRunId, RunStatus.Failed, null, "refused"));
        run.Fire(delay.TimerId);
        run.Succeed("list", outputJson: "[]");
        var workerless = WorkerlessTasks.Of(run.State).ToDictionary(t => t.Id);

        // Assert
        Assert.True(run.State.IsCompleted);
        Assert.Equal(["after", "each", "pause", "sub"], workerless.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Task 'sub': refused", workerless["sub"].Error);
        Assert.Equal(TaskStatus.Succeeded, workerless["pause"].Status);
        Assert.Equal(TaskStatus.Skipped, workerless["after"].Status);
    }
}
