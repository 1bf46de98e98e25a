using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class TriggerRuleTests
{
    [Theory]
    [InlineData(TriggerRule.AllSuccess, "ok", "ok", true)]
    [InlineData(TriggerRule.AllSuccess, "ok", "fail", false)]
    [InlineData(TriggerRule.AllDone, "fail", "fail", true)]
    [InlineData(TriggerRule.AllDone, "ok", "fail", true)]
    [InlineData(TriggerRule.OneFailed, "ok", "fail", true)]
    [InlineData(TriggerRule.OneFailed, "ok", "ok", false)]
    [InlineData(TriggerRule.OneSuccess, "fail", "ok", true)]
    [InlineData(TriggerRule.OneSuccess, "fail", "fail", false)]
    [InlineData(TriggerRule.NoneFailed, "ok", "ok", true)]
    [InlineData(TriggerRule.NoneFailed, "ok", "fail", false)]
    public void A_trigger_rule_runs_or_skips_the_task_by_its_parents_outcomes(
        TriggerRule rule, string first, string second, bool runs)
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b"), Task("c", "a", "b") with { Trigger = rule }));

        var commands = new List<RunCommand>();
        commands.AddRange(Finish(run, "a", first));
        commands.AddRange(Finish(run, "b", second));

        Assert.Equal(runs, commands.RunKeys().Contains("c"));
        Assert.Equal(runs ? TaskStatus.Running : TaskStatus.Skipped, run.StatusOf("c"));
    }

    [Fact]
    public void One_failed_runs_as_soon_as_one_parent_fails_without_waiting_for_the_others()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b"), Task("cleanup", "a", "b") with { Trigger = TriggerRule.OneFailed }));

        var commands = run.Fail("a", kind: ErrorKinds.InvalidInput);

        Assert.Equal(["cleanup"], commands.RunKeys());
    }

    [Fact]
    public void None_failed_runs_after_a_skipped_parent_but_all_success_does_not()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(
            Task("a"),
            Task("b", "a"),
            Task("c"),
            Task("tolerant", "b", "c") with { Trigger = TriggerRule.NoneFailed },
            Task("strict", "b", "c")));
        run.Fail("a", kind: ErrorKinds.InvalidInput);

        var commands = run.Succeed("c");

        Assert.Equal(TaskStatus.Skipped, run.StatusOf("b"));
        Assert.Equal(["tolerant"], commands.RunKeys());
        Assert.Equal(TaskStatus.Skipped, run.StatusOf("strict"));
    }

    private static IReadOnlyList<RunCommand> Finish(DeciderHarness run, string key, string outcome) =>
        outcome == "ok" ? run.Succeed(key) : run.Fail(key, kind: ErrorKinds.InvalidInput);
}
