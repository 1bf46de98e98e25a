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
    public void Every_unit_of_a_decider_run_task_is_listed_pending_ones_too_and_no_other_task()
    {
        var run = new DeciderHarness();
        var second = Delay with { Id = "wait2" };
        var later = Delay with { Id = "later", DependsOn = ["work"] };

        run.Start(Pipeline(Delay, second, Task("work"), later));
        var states = DeciderTaskStates.Of(run.State);

        Assert.Equal(["later", "wait", "wait2"], states.Keys.Order());
        Assert.Equal(TaskStatus.Pending, states["later"]);
        Assert.Equal(TaskStatus.Running, states["wait2"]);
        Assert.True(DeciderTaskStates.AnyIn(Pipeline(Delay)));
        Assert.False(DeciderTaskStates.AnyIn(Pipeline(Task("work"))));
    }

    [Fact]
    public void Each_instance_of_a_mapped_delay_shows_its_own_state_while_the_run_goes_on()
    {
        // Arrange: a delay mapped over three items, of which one ended its wait.
        var run = new DeciderHarness();
        var each = Delay with { Id = "each", DependsOn = ["list"], Map = new MapSpec { Over = "list" } };
        run.Start(Pipeline(Task("list"), each));
        var timers = run.Succeed("list", outputJson: "[1,2,3]").OfType<StartTimer>().ToList();
        run.Fire(timers.Single(t => t.TaskKey == "each[1]").TimerId);

        // Act
        var rows = DeciderTaskStates.UnitsOf(each, DeciderTaskStates.Of(run.State), RunStatus.Running);

        // Assert
        Assert.Equal([("each[0]", TaskStatus.Running), ("each[1]", TaskStatus.Succeeded), ("each[2]", TaskStatus.Running)],
            rows);
    }

    [Fact]
    public void A_task_not_expanded_or_not_mapped_is_one_row_by_the_unattempted_rule()
    {
        var each = Delay with { Id = "each", DependsOn = ["list"], Map = new MapSpec { Over = "list" } };

        Assert.Equal([("each", TaskStatus.Pending)],
            DeciderTaskStates.UnitsOf(each, new Dictionary<string, TaskStatus>(), RunStatus.Running));
        Assert.Equal([("wait", TaskStatus.Running)], DeciderTaskStates.UnitsOf(Delay,
            new Dictionary<string, TaskStatus> { ["wait"] = TaskStatus.Running }, RunStatus.Running));
        Assert.Equal([("wait", TaskStatus.Skipped)], DeciderTaskStates.UnitsOf(Delay, null, RunStatus.Succeeded));
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
