using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class RunControlTests
{
    [Fact]
    public void Cancelling_a_run_cancels_running_attempts_and_pending_tasks()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Timeout = TimeSpan.FromMinutes(1) }, Task("b"), Task("c", "a")));
        run.Succeed("b");

        var commands = run.Apply(new CancelRequested(run.Now, Reason: "operator"));

        Assert.Equal(new CancelTask("a", 1), commands.Single<CancelTask>());
        Assert.Equal("a/timeout/1", commands.Single<CancelTimer>().TimerId);
        Assert.Equal(RunStatus.Cancelled, commands.Single<CompleteRun>().Status);
        Assert.Equal(new RunSummary(1, 0, 0, 2, 3), commands.Single<CompleteRun>().Summary);
        Assert.Equal(NotificationKind.RunCancelled, commands.Single<Notify>().Kind);
        Assert.Equal(TaskStatus.Cancelled, run.StatusOf("c"));
    }

    [Fact]
    public void Cancelling_during_a_retry_backoff_cancels_the_timer_and_no_attempt_follows()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Retry = new RetryPolicy { MaxAttempts = 3 } }));
        var backoff = run.Fail("a", kind: ErrorKinds.Network).Single<StartTimer>();

        var cancel = run.Apply(new CancelRequested(run.Now));
        var late = run.Fire(backoff.TimerId);

        Assert.Empty(cancel.OfType<CancelTask>());
        Assert.Equal(backoff.TimerId, cancel.Single<CancelTimer>().TimerId);
        Assert.Equal(RunStatus.Cancelled, cancel.Single<CompleteRun>().Status);
        Assert.Empty(late);
    }

    [Fact]
    public void Cancelling_one_task_stops_it_and_its_all_success_children_are_skipped()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b", "a"), Task("c")));

        var commands = run.Apply(new CancelRequested(run.Now, TaskKey: "a"));
        var end = run.Succeed("c");

        Assert.Equal(new CancelTask("a", 1), commands.Single<CancelTask>());
        Assert.Equal(TaskStatus.Skipped, run.StatusOf("b"));
        Assert.Equal(RunStatus.Cancelled, end.Single<CompleteRun>().Status);
    }

    [Fact]
    public void A_rerun_keeps_prior_successes_and_runs_only_the_rest()
    {
        var run = new DeciderHarness();
        var prior = new Dictionary<string, JsonElement?> { ["a"] = DeciderHarness.Json("""{"n":1}""") };

        var commands = run.Start(Pipeline(Task("a"), Task("b", "a"), Task("c")), prior);

        Assert.Equal(["b", "c"], commands.RunKeys());
        Assert.Equal(1, commands.Runs().First().Input!.Value.GetProperty("a").GetProperty("n").GetInt32());
        Assert.Equal(TaskStatus.Succeeded, run.StatusOf("a"));
    }

    [Fact]
    public void A_rerun_with_everything_already_done_completes_at_once()
    {
        var run = new DeciderHarness();
        var prior = new Dictionary<string, JsonElement?> { ["a"] = null };

        var commands = run.Start(Pipeline(Task("a")), prior);

        Assert.Equal(RunStatus.Succeeded, commands.Single<CompleteRun>().Status);
    }

    [Fact]
    public void A_sub_pipeline_task_starts_a_child_run_that_resolves_it()
    {
        var run = new DeciderHarness();
        var config = DeciderHarness.Json("""{"pipelineId":"child","parameters":{"day":"mon"}}""");
        run.Start(Pipeline(new TaskDefinition { Id = "sub", Kind = "sub-pipeline", Config = config }, Task("next", "sub")));
        var child = run.All.Single<StartChildRun>();

        var stale = run.Apply(new ChildRunCompleted(run.Now, "sub", 1, "other", RunStatus.Succeeded, null));
        var done = run.Apply(new ChildRunCompleted(run.Now, "sub", 1, child.ChildRunId, RunStatus.Succeeded,
            DeciderHarness.Json("7")));

        Assert.Equal("child", child.PipelineId);
        Assert.Equal("run-1/sub#1", child.ChildRunId);
        Assert.Equal("mon", child.Parameters!.Value.GetProperty("day").GetString());
        Assert.Empty(stale);
        Assert.Equal(7, done.Runs().Single().Input!.Value.GetProperty("sub").GetInt32());
    }

    [Fact]
    public void A_failed_child_run_is_a_retryable_failure_of_its_task()
    {
        var run = new DeciderHarness();
        var config = DeciderHarness.Json("""{"pipelineId":"child"}""");
        run.Start(Pipeline(new TaskDefinition
        {
            Id = "sub",
            Kind = "sub-pipeline",
            Config = config,
            Retry = new RetryPolicy { MaxAttempts = 2 },
        }));
        var child = run.All.Single<StartChildRun>();

        var commands = run.Apply(new ChildRunCompleted(run.Now, "sub", 1, child.ChildRunId, RunStatus.Failed, null));
        var again = run.Fire(commands.Single<StartTimer>().TimerId);

        Assert.Equal("run-1/sub#2", again.Single<StartChildRun>().ChildRunId);
    }

    [Fact]
    public void A_delay_task_waits_on_a_timer_without_holding_a_slot()
    {
        var run = new DeciderHarness();
        var delay = new TaskDefinition { Id = "wait", Kind = "delay", Config = DeciderHarness.Json("""{"duration":"5m"}""") };

        var start = run.Start(Pipeline(1, delay, Task("work"), Task("after", "wait")));
        var fired = run.Fire(start.Single<StartTimer>().TimerId);

        Assert.Equal(["work"], start.RunKeys());
        Assert.Equal(DeciderHarness.T0.AddMinutes(5), start.Single<StartTimer>().DueAt);
        Assert.Equal(TaskStatus.Succeeded, run.StatusOf("wait"));
        Assert.Empty(fired.RunKeys());
        Assert.Equal(["after"], run.Succeed("work").RunKeys());
    }

    [Fact]
    public void A_delay_without_a_duration_fails_with_a_message_naming_the_field()
    {
        var run = new DeciderHarness();

        var commands = run.Start(Pipeline(new TaskDefinition { Id = "wait", Kind = "delay" }));

        Assert.Contains("config.duration", commands.OfType<Notify>().First().Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, commands.Single<CompleteRun>().Status);
    }

    [Fact]
    public void A_wait_until_task_waits_on_a_timer_due_at_its_instant()
    {
        var run = new DeciderHarness();
        var at = DeciderHarness.T0.AddHours(3);
        var task = new TaskDefinition
        {
            Id = "gate",
            Kind = "wait-until",
            Config = DeciderHarness.Json($$"""{"at":"{{at:O}}"}"""),
        };

        var start = run.Start(Pipeline(task, Task("after", "gate")));
        var fired = run.Fire(start.Single<StartTimer>().TimerId);

        Assert.Equal(at, start.Single<StartTimer>().DueAt);
        Assert.Equal(TimerPurpose.Delay, start.Single<StartTimer>().Purpose);
        Assert.Empty(start.RunKeys());
        Assert.Equal(["after"], fired.RunKeys());
    }

    [Fact]
    public void Cancelling_a_mapped_task_cancels_each_running_instance()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("list"), Task("each", "list") with { Map = new MapSpec { Over = "list" } }));
        run.Succeed("list", outputJson: "[1,2,3]");
        run.Succeed("each[1]");

        var commands = run.Apply(new CancelRequested(run.Now, TaskKey: "each"));

        Assert.Equal(["each[0]", "each[2]"], commands.OfType<CancelTask>().Select(c => c.TaskKey));
        Assert.Equal(TaskStatus.Cancelled, run.StatusOf("each"));
        Assert.Equal(RunStatus.Cancelled, commands.Single<CompleteRun>().Status);
    }
}
