using Workflow.Core.Tests.Execution;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Progress;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Progress;

public class DeciderTaskStatesTests
{
    private static readonly TaskDefinition Delay =
        new() { Id = "wait", Kind = "delay", Config = DeciderHarness.Json("""{"duration":"5m"}""") };

    [Fact]
    public void A_delay_that_started_its_wait_is_running_and_one_that_ended_succeeded()
    {
        var run = new DeciderHarness();

        var start = run.Start(Pipeline(Delay, Task("work"), Task("after", "wait")));
        var waiting = DeciderTaskStates.Of(run.State);
        run.Fire(start.Single<StartTimer>().TimerId);
        var over = DeciderTaskStates.Of(run.State);

        Assert.Equal(TaskStatus.Running, Assert.Single(waiting, s => s.Key == "wait").Value);
        Assert.Equal(TaskStatus.Running, DeciderTaskStates.Unattempted("wait", waiting, RunStatus.Running));
        Assert.Equal(TaskStatus.Succeeded, DeciderTaskStates.Unattempted("wait", over, RunStatus.Running));
    }

    [Fact]
    public void Only_decider_run_tasks_that_left_pending_are_listed_and_no_more_than_the_limit()
    {
        var run = new DeciderHarness();
        var second = Delay with { Id = "wait2" };
        var later = Delay with { Id = "later", DependsOn = ["work"] };

        run.Start(Pipeline(Delay, second, Task("work"), later));

        Assert.Equal(["wait", "wait2"], DeciderTaskStates.Of(run.State).Keys.Order());
        Assert.Single(DeciderTaskStates.Of(run.State, limit: 1));
        Assert.True(DeciderTaskStates.AnyIn(Pipeline(Delay)));
        Assert.False(DeciderTaskStates.AnyIn(Pipeline(Task("work"))));
    }

    [Theory]
    [InlineData(RunStatus.Running, TaskStatus.Pending)]
    [InlineData(RunStatus.Suspended, TaskStatus.Pending)]
    [InlineData(RunStatus.Succeeded, TaskStatus.Skipped)]
    [InlineData(RunStatus.Failed, TaskStatus.Skipped)]
    [InlineData(RunStatus.Cancelled, TaskStatus.Cancelled)]
    public void A_task_nothing_is_known_of_is_pending_while_the_run_goes_on(RunStatus run, TaskStatus expected) =>
        Assert.Equal(expected, DeciderTaskStates.Unattempted("t", null, run));
}
