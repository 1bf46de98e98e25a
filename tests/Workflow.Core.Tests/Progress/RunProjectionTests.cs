using Workflow.Model;
using Workflow.Progress;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Progress;

public sealed class RunProjectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static TaskInstanceRecord Task(string key, TaskStatus status, double? startedAgo = null,
        double? finishedAgo = null, params string[] dependsOn) =>
        new(key, key.Split('[')[0], status, startedAgo is null ? 0 : 1,
            startedAgo is { } s ? Now - S(s) : null, finishedAgo is { } f ? Now - S(f) : null, null, dependsOn);

    private static Dictionary<string, TimeSpan> Expected(params (string Id, double Seconds)[] items) =>
        items.ToDictionary(i => i.Id, i => S(i.Seconds));

    private static string[] Keys(ProjectedRun run) => [.. run.CriticalPath.Select(t => t.TaskKey)];

    [Fact]
    public void A_chain_finishes_after_the_rest_of_the_running_task_and_the_tasks_after_it()
    {
        // a (done) -> b running for 10s of 30s -> c waiting (60s).
        var run = RunProjection.Project([
            Task("a", TaskStatus.Succeeded, 20, 10), Task("b", TaskStatus.Running, 10, null, "a"),
            Task("c", TaskStatus.Pending, null, null, "b")], Expected(("a", 10), ("b", 30), ("c", 60)), Now);

        Assert.Equal(["a", "b", "c"], Keys(run));
        Assert.Equal(S(80), run.Remaining);
        Assert.Equal(Now + S(80), run.Finish);
        Assert.Equal([false, true, true], run.CriticalPath.Select(t => t.Projected));
        Assert.Equal(Now + S(20), run.CriticalPath[2].Start);
        Assert.Empty(run.Unestimated);
    }

    [Fact]
    public void Parallel_branches_finish_with_the_longest_branch_and_the_path_goes_through_it()
    {
        var run = RunProjection.Project([
            Task("root", TaskStatus.Pending), Task("fast", TaskStatus.Pending, null, null, "root"),
            Task("slow", TaskStatus.Pending, null, null, "root"), Task("join", TaskStatus.Pending, null, null, "fast", "slow")],
            Expected(("root", 5), ("fast", 10), ("slow", 100), ("join", 20)), Now);

        Assert.Equal(["root", "slow", "join"], Keys(run));
        Assert.Equal(S(125), run.Remaining);
    }

    [Fact]
    public void A_task_downstream_of_a_mapped_task_waits_for_every_instance()
    {
        var run = RunProjection.Project([
            Task("load[0]", TaskStatus.Succeeded, 50, 40), Task("load[1]", TaskStatus.Running, 30),
            Task("load[2]", TaskStatus.Running, 5), Task("publish", TaskStatus.Pending, null, null, "load")],
            Expected(("load", 20), ("publish", 10)), Now);

        Assert.Equal(["load[2]", "publish"], Keys(run));
        Assert.Equal(S(15 + 10), run.Remaining);
        Assert.Equal(["load[1]"], run.Overdue);
    }

    [Fact]
    public void A_running_task_past_its_estimate_finishes_now_at_the_earliest()
    {
        var run = RunProjection.Project([Task("a", TaskStatus.Running, 25), Task("b", TaskStatus.Pending, null, null, "a")],
            Expected(("a", 10), ("b", 5)), Now);

        Assert.Equal(S(5), run.Remaining);
        Assert.Equal(["a"], run.Overdue);
        Assert.Equal(Now, run.CriticalPath[0].Finish);
    }

    [Fact]
    public void A_finished_run_has_its_actual_critical_path_and_nothing_remaining()
    {
        // extract, then enrich (long) and clean (short, skipped downstream), then load waits for a worker 5s.
        var run = RunProjection.Project([
            Task("extract", TaskStatus.Succeeded, 100, 90), Task("clean", TaskStatus.Succeeded, 90, 80, "extract"),
            Task("shape", TaskStatus.Skipped, null, null, "clean"), Task("enrich", TaskStatus.Succeeded, 88, 40, "extract"),
            Task("load", TaskStatus.Succeeded, 35, 30, "shape", "enrich")], Expected(), Now);

        Assert.Equal(["extract", "enrich", "load"], Keys(run));
        Assert.All(run.CriticalPath, t => Assert.False(t.Projected));
        Assert.Equal(Now - S(30), run.Finish);
        Assert.Equal(TimeSpan.Zero, run.Remaining);
        Assert.Empty(run.Unestimated);
    }

    [Fact]
    public void A_skipped_task_takes_no_time_and_the_path_passes_through_to_its_upstream()
    {
        var run = RunProjection.Project([
            Task("a", TaskStatus.Succeeded, 20, 10), Task("gate", TaskStatus.Skipped, null, null, "a"),
            Task("b", TaskStatus.Pending, null, null, "gate")], Expected(("b", 7)), Now);

        Assert.Equal(["a", "b"], Keys(run));
        Assert.Null(run.Schedule[1].Start);
        Assert.Equal(S(7), run.Remaining);
    }

    [Fact]
    public void The_ETA_is_known_only_when_an_unfinished_task_has_an_estimate_or_none_is_left()
    {
        var none = RunProjection.Project([
            Task("a", TaskStatus.Succeeded, 20, 10), Task("b", TaskStatus.Pending, null, null, "a")],
            Expected(("a", 9)), Now);
        var one = RunProjection.Project([
            Task("a", TaskStatus.Running, 5), Task("b", TaskStatus.Pending, null, null, "a")], Expected(("b", 3)), Now);
        var ended = RunProjection.Project([Task("a", TaskStatus.Succeeded, 20, 10)], Expected(), Now);

        Assert.Equal((false, true, true), (none.EtaKnown, one.EtaKnown, ended.EtaKnown));
    }

    [Fact]
    public void Tasks_without_an_estimate_take_no_time_and_are_named()
    {
        var run = RunProjection.Project([
            Task("a", TaskStatus.Running, 5), Task("b[0]", TaskStatus.Pending, null, null, "a"),
            Task("b[1]", TaskStatus.Pending, null, null, "a"), Task("c", TaskStatus.Pending, null, null, "b")],
            Expected(("c", 4)), Now);

        Assert.Equal(["a", "b"], run.Unestimated);
        Assert.True(run.EtaKnown);
        Assert.Equal(S(4), run.Remaining);
        Assert.Equal("c", run.CriticalPath[^1].TaskKey);
    }

    [Fact]
    public void A_task_without_an_estimate_takes_what_its_succeeded_instances_took_on_average()
    {
        // load has no estimate: load[0] took 10s and load[1] 30s, so load[2] (running 5s) has 15s left, and
        // publish after it 4s.
        var run = RunProjection.Project([
            Task("load[0]", TaskStatus.Succeeded, 60, 50), Task("load[1]", TaskStatus.Succeeded, 40, 10),
            Task("load[2]", TaskStatus.Running, 5), Task("publish", TaskStatus.Pending, null, null, "load")],
            Expected(("publish", 4)), Now);

        Assert.Empty(run.Unestimated);
        Assert.Equal(S(19), run.Remaining);
        Assert.Equal(["load[2]", "publish"], Keys(run));
    }

    [Fact]
    public void History_replaces_the_configured_expected_duration_and_fills_in_where_none_is_configured()
    {
        var definition = new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Tasks = [
                new TaskDefinition { Id = "a", Kind = "noop", ExpectedDuration = S(10) },
                new TaskDefinition { Id = "b", Kind = "noop", ExpectedDuration = S(20) },
                new TaskDefinition { Id = "c", Kind = "noop" }],
        };

        var estimates = RunProjection.Estimates(definition, Expected(("b", 3), ("c", 4)));

        Assert.Equal(Expected(("a", 10), ("b", 3), ("c", 4)), estimates);
    }

    [Fact]
    public void A_dependency_cycle_from_a_confused_server_still_gets_an_answer()
    {
        var run = RunProjection.Project([Task("a", TaskStatus.Pending, null, null, "b"), Task("b", TaskStatus.Pending, null, null, "a")],
            Expected(("a", 1), ("b", 2)), Now);

        Assert.NotEmpty(run.CriticalPath);
        Assert.True(run.Remaining >= S(2));
    }

    [Fact]
    public void A_run_without_tasks_has_no_path_and_nothing_remaining()
    {
        var run = RunProjection.Project([], Expected(), Now);

        Assert.Empty(run.CriticalPath);
        Assert.Null(run.Finish);
        Assert.Equal(TimeSpan.Zero, run.Remaining);
    }
}
