using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class TimeoutTests
{
    private static readonly TaskDefinition Slow = Task("a") with
    {
        Timeout = TimeSpan.FromMinutes(1),
        Retry = new RetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromSeconds(5) },
    };

    [Fact]
    public void Each_attempt_races_a_timeout_timer_that_a_success_cancels()
    {
        var run = new DeciderHarness();

        var start = run.Start(Pipeline(Slow));
        var done = run.Succeed("a");

        var timer = start.Single<StartTimer>();
        Assert.Equal(TimerPurpose.Timeout, timer.Purpose);
        Assert.Equal(DeciderHarness.T0.AddMinutes(1), timer.DueAt);
        Assert.Equal(timer.TimerId, done.Single<CancelTimer>().TimerId);
    }

    [Fact]
    public void A_timeout_cancels_the_attempt_and_counts_as_a_retryable_failure()
    {
        var run = new DeciderHarness();
        var timer = run.Start(Pipeline(Slow)).Single<StartTimer>();

        run.Now = timer.DueAt;
        var fired = run.Fire(timer.TimerId);

        Assert.Equal(new CancelTask("a", 1, "Attempt 1 did not finish within its timeout of 1m."),
            fired.Single<CancelTask>());
        Assert.Equal(TimerPurpose.Retry, fired.Single<StartTimer>().Purpose);
        Assert.Contains("timeout", fired.Single<Notify>().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_late_result_of_a_timed_out_attempt_is_ignored()
    {
        var run = new DeciderHarness();
        var timer = run.Start(Pipeline(Slow)).Single<StartTimer>();
        run.Fire(timer.TimerId);

        var late = run.Succeed("a", attempt: 1);

        Assert.Empty(late);
        Assert.Equal(TaskStatus.RetryWait, run.StatusOf("a"));
    }

    [Fact]
    public void Duplicate_and_unknown_events_change_nothing()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a"), Task("b", "a")));
        run.Succeed("a");

        Assert.Empty(run.Succeed("a"));
        Assert.Empty(run.Fail("a"));
        Assert.Empty(run.Succeed("b", attempt: 7));
        Assert.Empty(run.Succeed("nope"));
        Assert.Empty(run.Fire("nope/timeout/1"));
        Assert.Equal(TaskStatus.Running, run.StatusOf("b"));
    }
}
