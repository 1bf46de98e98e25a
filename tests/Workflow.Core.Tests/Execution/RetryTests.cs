using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class RetryTests
{
    private static readonly RetryPolicy ThreeAttempts = new()
    {
        MaxAttempts = 3,
        InitialDelay = TimeSpan.FromSeconds(10),
        BackoffCoefficient = 2,
        MaxDelay = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public void A_retry_waits_for_the_backoff_timer()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Retry = ThreeAttempts }));

        var failed = run.Fail("a", kind: ErrorKinds.Network);
        var timer = failed.Single<StartTimer>();
        var fired = run.Fire(timer.TimerId);

        Assert.Empty(failed.RunKeys());
        Assert.Equal(TimerPurpose.Retry, timer.Purpose);
        Assert.Equal(DeciderHarness.T0.AddSeconds(10), timer.DueAt);
        Assert.Equal(NotificationKind.TaskRetrying, failed.Single<Notify>().Kind);
        var retry = fired.Runs().Single();
        Assert.Equal(2, retry.Attempt);
        Assert.Equal("run-1/a/2", retry.IdempotencyKey);
    }

    [Fact]
    public void Backoff_grows_exponentially_and_stops_at_the_max_delay()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Retry = ThreeAttempts with { MaxAttempts = 4 } }));

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var timer = run.Fail("a", attempt, ErrorKinds.Network).Single<StartTimer>();
            delays.Add(timer.DueAt - run.Now);
            run.Fire(timer.TimerId);
        }

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15)], delays);
    }

    [Fact]
    public void Attempts_stop_at_max_attempts_and_the_task_fails()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Retry = ThreeAttempts with { MaxAttempts = 2 } }));
        run.Fire(run.Fail("a", 1, ErrorKinds.Network).Single<StartTimer>().TimerId);

        var last = run.Fail("a", 2, ErrorKinds.Network);

        Assert.Empty(last.OfType<StartTimer>());
        Assert.Contains(last.OfType<Notify>(), n => n.Kind == NotificationKind.TaskFailed && n.Attempt == 2);
        Assert.Equal(RunStatus.Failed, last.Single<CompleteRun>().Status);
    }

    [Theory]
    [InlineData(ErrorKinds.Http4xx)]
    [InlineData(ErrorKinds.InvalidInput)]
    public void A_non_retryable_error_fails_the_task_at_once(string kind)
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Retry = ThreeAttempts }));

        var commands = run.Fail("a", kind: kind);

        Assert.Empty(commands.OfType<StartTimer>());
        Assert.Equal(TaskStatus.Failed, run.StatusOf("a"));
    }

    [Fact]
    public void Retryable_errors_of_the_policy_replace_the_defaults()
    {
        var run = new DeciderHarness();
        run.Start(Pipeline(Task("a") with { Retry = ThreeAttempts with { RetryableErrors = [ErrorKinds.Http4xx] } }));

        var commands = run.Fail("a", kind: ErrorKinds.Http4xx);

        Assert.Equal(TimerPurpose.Retry, commands.Single<StartTimer>().Purpose);
    }

    [Fact]
    public void Jitter_is_the_same_for_the_same_run_task_and_attempt_and_stays_within_its_fraction()
    {
        var policy = ThreeAttempts with { Jitter = 0.5, MaxDelay = TimeSpan.FromHours(1) };

        var delays = Enumerable.Range(0, 50).Select(i => Backoff.DelayBefore(policy, $"run-{i}", "a", 2)).ToList();
        var again = Enumerable.Range(0, 50).Select(i => Backoff.DelayBefore(policy, $"run-{i}", "a", 2)).ToList();

        Assert.Equal(delays, again);
        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, 10, 15));
        Assert.True(delays.Distinct().Count() > 10, "jitter should spread the delays of different runs");
    }
}
