using Workflow.Cli.Progress;
using Workflow.Cli.Rendering;
using static Workflow.Cli.Tests.Support.Tasks;

namespace Workflow.Cli.Tests.Rendering;

public sealed class PlainProgressReporterTests
{
    private static readonly Dictionary<string, TimeSpan> Expected = new()
    {
        ["a"] = TimeSpan.FromSeconds(10),
        ["b"] = TimeSpan.FromSeconds(30),
    };

    private static IReadOnlyList<string> Update(PlainProgressReporter reporter, RunDetail run,
        RunCriticalPath? critical = null) =>
        reporter.Update(run, ProgressEstimator.Estimate(run.Run.Status, run.Tasks, Expected, critical, Now), Now);

    [Fact]
    public void Each_poll_prints_only_what_changed()
    {
        var reporter = new PlainProgressReporter();
        var first = Run("running", Running("a", TimeSpan.FromSeconds(4)), Pending("b", "a"));
        var second = Run("running", Succeeded("a", TimeSpan.FromSeconds(9)), Running("b", TimeSpan.FromSeconds(1), "a"));

        var start = Update(reporter, first, Critical(TimeSpan.FromSeconds(36), "a", "b"));
        var repeat = Update(reporter, first, Critical(TimeSpan.FromSeconds(36), "a", "b"));
        var next = Update(reporter, second, Critical(TimeSpan.FromSeconds(29), "a", "b"));

        Assert.Equal(
            ["  a running", "[ 10%] running: 0/2 tasks done, 1 running, 1 waiting - ETA 36.0s", "  critical path: a -> b"],
            start);
        Assert.Empty(repeat);
        Assert.Equal(
            [
                "  a succeeded in 9.0s",
                "  b running",
                "[ 27%] running: 1/2 tasks done, 1 running - ETA 29.0s",
            ],
            next);
    }

    [Fact]
    public void While_the_counts_stay_the_same_a_progress_line_comes_only_when_the_bar_passes_another_tenth()
    {
        var reporter = new PlainProgressReporter();
        Update(reporter, Run("running", Running("a", TimeSpan.FromSeconds(4)), Pending("b", "a")), Critical(TimeSpan.FromSeconds(36), "a", "b"));

        var sameTenth = Update(reporter, Run("running", Running("a", TimeSpan.FromSeconds(7)), Pending("b", "a")),
            Critical(TimeSpan.FromSeconds(33), "a", "b"));
        var nextTenth = Update(reporter, Run("running", Running("a", TimeSpan.FromSeconds(8)), Pending("b", "a")),
            Critical(TimeSpan.FromSeconds(32), "a", "b"));

        Assert.Empty(sameTenth); // 17%: still the first tenth above 10%; the critical path is the same.
        Assert.Equal(["[ 20%] running: 0/2 tasks done, 1 running, 1 waiting - ETA 32.0s"], nextTenth);
    }

    [Fact]
    public void A_failed_task_shows_its_attempts_and_error_and_the_final_line_sums_up()
    {
        var failed = new TaskInfo("a", "a", "failed", 3, Now.AddSeconds(-5), Now, "exit code 2\nsee log", []);
        var run = Run("failed", failed, new TaskInfo("b", "b", "skipped", 0, null, null, null, ["a"]));
        run = run with { Run = run.Run with { FinishedAt = Now.AddSeconds(20) } };
        var progress = ProgressEstimator.Estimate(run.Run.Status, run.Tasks, Expected, Critical(TimeSpan.Zero, "a"), Now);

        var lines = new PlainProgressReporter().Update(run, progress, Now);

        Assert.Equal(["  a failed (attempt 3): exit code 2 see log", "  b skipped", "[100%] failed: 2/2 tasks done, 1 failed"], lines);
        Assert.Equal("Run p@manual-1 failed in 20.0s: 0 succeeded, 1 failed, 1 skipped, 0 cancelled.",
            PlainProgressReporter.Final(run, progress, Now));
    }
}
