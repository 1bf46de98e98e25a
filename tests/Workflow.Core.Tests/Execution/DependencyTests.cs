using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class DependencyTests
{
    [Fact]
    public void A_chain_runs_one_task_after_another_and_the_run_succeeds()
    {
        var run = new DeciderHarness();

        var first = run.Start(Pipeline(Task("a"), Task("b", "a"), Task("c", "b")));
        var second = run.Succeed("a");
        var third = run.Succeed("b");
        var last = run.Succeed("c");

        Assert.Equal(["a"], first.RunKeys());
        Assert.Equal(["b"], second.RunKeys());
        Assert.Equal(["c"], third.RunKeys());
        var complete = last.Single<CompleteRun>();
        Assert.Equal(RunStatus.Succeeded, complete.Status);
        Assert.Equal(new RunSummary(3, 0, 0, 0, 3), complete.Summary);
        Assert.Equal(NotificationKind.RunSucceeded, last.Single<Notify>().Kind);
    }

    [Fact]
    public void A_join_waits_for_every_parent()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b"), Task("join", "a", "b")));

        var afterA = run.Succeed("a");
        var afterB = run.Succeed("b");

        Assert.Empty(afterA.RunKeys());
        Assert.Equal(["join"], afterB.RunKeys());
    }

    [Fact]
    public void Upstream_outputs_become_the_input_keyed_by_task_id()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b"), Task("c", "a", "b")));
        run.Succeed("a", outputJson: """{"rows":3}""");

        var commands = run.Succeed("b", outputJson: "[1,2]");

        var input = commands.Runs().Single().Input!.Value;
        Assert.Equal(3, input.GetProperty("a").GetProperty("rows").GetInt32());
        Assert.Equal(2, input.GetProperty("b").GetArrayLength());
    }

    [Fact]
    public void A_failed_task_skips_its_all_success_descendants_and_fails_the_run()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b", "a"), Task("c", "b"), Task("d")));

        run.Fail("a", kind: ErrorKinds.InvalidInput);
        var end = run.Succeed("d");

        Assert.Equal(TaskStatus.Skipped, run.StatusOf("b"));
        Assert.Equal(TaskStatus.Skipped, run.StatusOf("c"));
        var complete = end.Single<CompleteRun>();
        Assert.Equal(RunStatus.Failed, complete.Status);
        Assert.Equal(new RunSummary(1, 1, 2, 0, 4), complete.Summary);
        Assert.Contains("'a'", end.Single<Notify>().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_fails_the_run_at_start_with_a_message_naming_the_tasks()
    {
        var run = new DeciderHarness();

        var commands = run.Start(Pipeline(Task("a", "b"), Task("b", "a")));

        Assert.Equal(RunStatus.Failed, commands.Single<CompleteRun>().Status);
        Assert.Contains("cycle", commands.Single<Notify>().Message, StringComparison.Ordinal);
        Assert.Empty(commands.RunKeys());
    }

    [Fact]
    public void An_unknown_dependency_fails_the_run_at_start_naming_the_field()
    {
        var run = new DeciderHarness();

        var commands = run.Start(Pipeline(Task("a", "ghost")));

        Assert.Contains("'ghost'", commands.Single<Notify>().Message, StringComparison.Ordinal);
        Assert.Contains("dependsOn", commands.Single<Notify>().Message, StringComparison.Ordinal);
    }
}
