using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class SuspensionTests
{
    private static TaskDefinition Delay(string id, params string[] after) =>
        new() { Id = id, Kind = "delay", DependsOn = after, Config = DeciderHarness.Json("""{"duration":"5m"}""") };

    [Fact]
    public void A_suspended_run_keeps_a_finishing_attempt_and_starts_its_child_only_on_resume()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b", "a")));

        var suspend = run.Apply(new RunSuspended(run.Now, "maintenance"));
        var finished = run.Succeed("a", outputJson: """{"n":1}""");
        var (status, waiting) = (run.State.Status, run.StatusOf("b"));
        var resumed = run.Apply(new RunResumed(run.Now));

        Assert.Empty(suspend);
        Assert.Equal(RunStatus.Suspended, status);
        Assert.Empty(finished.Runs());
        Assert.Equal(TaskStatus.Succeeded, run.StatusOf("a"));
        Assert.Equal(TaskStatus.Ready, waiting);
        Assert.Equal(["b"], resumed.RunKeys());
        Assert.Equal(1, resumed.Runs().Single().Input!.Value.GetProperty("a").GetProperty("n").GetInt32());
        Assert.Equal(RunStatus.Running, run.State.Status);
    }

    [Fact]
    public void A_retry_backoff_elapses_while_suspended_and_the_retry_starts_on_resume()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Retry = new RetryPolicy { MaxAttempts = 2 } }));
        run.Apply(new RunSuspended(run.Now));

        var backoff = run.Fail("a", kind: ErrorKinds.Network).Single<StartTimer>();
        var fired = run.Fire(backoff.TimerId);
        var resumed = run.Apply(new RunResumed(run.Now));

        Assert.Empty(fired.Runs());
        Assert.Equal(2, resumed.Runs().Single().Attempt);
    }

    [Fact]
    public void An_attempt_timeout_is_still_enforced_while_suspended()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Timeout = TimeSpan.FromMinutes(1) }, Task("b", "a")));
        run.Apply(new RunSuspended(run.Now));

        var commands = run.Fire("a/timeout/1");

        Assert.Equal(("a", 1), (commands.Single<CancelTask>().TaskKey, commands.Single<CancelTask>().Attempt));
        Assert.Equal(TaskStatus.Failed, run.StatusOf("a"));
        Assert.Equal(TaskStatus.Skipped, run.StatusOf("b"));
    }

    [Fact]
    public void A_run_whose_last_attempt_ends_while_suspended_completes_when_resumed()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a")));
        run.Apply(new RunSuspended(run.Now));

        var finished = run.Succeed("a");
        var resumed = run.Apply(new RunResumed(run.Now));

        Assert.Empty(finished.OfType<CompleteRun>());
        Assert.Equal(RunStatus.Succeeded, resumed.Single<CompleteRun>().Status);
    }

    [Fact]
    public void A_delay_task_that_becomes_ready_while_suspended_starts_its_timer_on_resume()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Delay("wait", "a")));
        run.Apply(new RunSuspended(run.Now));

        var finished = run.Succeed("a");
        var waiting = run.StatusOf("wait");
        var resumed = run.Apply(new RunResumed(run.Now));

        Assert.Empty(finished.OfType<StartTimer>());
        Assert.Equal(TaskStatus.Ready, waiting);
        Assert.Equal("wait/delay/1", resumed.Single<StartTimer>().TimerId);
        Assert.Equal(TaskStatus.Running, run.StatusOf("wait"));
    }

    [Fact]
    public void Resume_fills_only_the_free_slots_and_the_rest_start_as_attempts_finish()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(1, Task("a"), Task("b", "a"), Task("c", "a")));
        run.Apply(new RunSuspended(run.Now));
        run.Succeed("a");

        var resumed = run.Apply(new RunResumed(run.Now));
        var next = run.Succeed(resumed.RunKeys().Single());

        Assert.Single(resumed.Runs());
        Assert.Single(next.Runs());
    }

    [Fact]
    public void Cancelling_a_suspended_run_cancels_it()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b", "a")));
        run.Apply(new RunSuspended(run.Now));

        var commands = run.Apply(new CancelRequested(run.Now, Reason: "no longer needed"));

        Assert.Equal(new CancelTask("a", 1), commands.Single<CancelTask>());
        Assert.Equal(RunStatus.Cancelled, commands.Single<CompleteRun>().Status);
    }

    [Fact]
    public void Suspending_twice_or_resuming_a_running_run_changes_nothing()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b", "a")));

        var resumedWhileRunning = run.Apply(new RunResumed(run.Now));
        run.Apply(new RunSuspended(run.Now));
        var again = run.Apply(new RunSuspended(run.Now));
        run.Succeed("a");

        Assert.Empty(resumedWhileRunning);
        Assert.Empty(again);
        Assert.Equal(TaskStatus.Ready, run.StatusOf("b"));
        Assert.Equal(RunStatus.Suspended, run.State.Status);
    }

    [Fact]
    public void A_restored_snapshot_stays_suspended_and_dispatches_its_ready_tasks_on_resume()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b", "a"), Delay("wait", "a")));
        run.Apply(new RunSuspended(run.Now));
        run.Succeed("a");

        var restored = RunDecider.Restore(RunDecider.Snapshot(run.State));
        var status = restored.Status;
        var idle = RunDecider.Decide(restored, new TimerFired(run.Now, "unknown"));
        var resumed = RunDecider.Decide(idle.State, new RunResumed(run.Now));

        Assert.Equal(RunStatus.Suspended, status);
        Assert.Empty(idle.Commands);
        Assert.Equal(["b"], resumed.Commands.RunKeys());
        Assert.Equal("wait/delay/1", resumed.Commands.Single<StartTimer>().TimerId);
    }

    [Fact]
    public void Events_round_trip_through_the_json_contract()
    {
        RunEvent[] events = [new RunSuspended(DeciderHarness.T0, "why"), new RunResumed(DeciderHarness.T0)];

        var back = events.Select(e => RunJson.DeserializeEvent(RunJson.Serialize(e))).ToArray();

        Assert.Equal(events, back);
        Assert.Contains("\"type\":\"run-suspended\"", RunJson.Serialize(events[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunStatus.Running, true)]
    [InlineData(RunStatus.Suspended, true)]
    [InlineData(RunStatus.Queued, false)]
    [InlineData(RunStatus.Succeeded, false)]
    [InlineData(RunStatus.Cancelled, false)]
    public void Only_a_started_unfinished_run_can_be_suspended_or_resumed(RunStatus status, bool allowed)
    {
        var refusal = RunStatuses.SuspensionRefusal("p@1", status, suspend: true);

        Assert.Equal(allowed, refusal is null);
        Assert.True(allowed || refusal!.Contains("'p@1'", StringComparison.Ordinal));
        Assert.True(status.IsActive() || !allowed);
    }
}
