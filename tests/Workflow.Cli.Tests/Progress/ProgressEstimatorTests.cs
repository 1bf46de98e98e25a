using Workflow.Cli.Api;
using Workflow.Cli.Progress;
using static Workflow.Cli.Tests.Support.Tasks;

namespace Workflow.Cli.Tests.Progress;

public sealed class ProgressEstimatorTests
{
    private static readonly Dictionary<string, TimeSpan> NoExpectations = new();

    private static RunProgress Estimate(IReadOnlyDictionary<string, TimeSpan> expected, params TaskInfo[] tasks) =>
        ProgressEstimator.Estimate("running", tasks, expected, Now);

    private static Dictionary<string, TimeSpan> Seconds(params (string Id, int Seconds)[] items) =>
        items.ToDictionary(i => i.Id, i => TimeSpan.FromSeconds(i.Seconds));

    [Fact]
    public void The_ETA_of_a_chain_is_the_rest_of_the_running_task_plus_the_tasks_after_it()
    {
        // Arrange: a(10s) done -> b(30s) running for 10s -> c(60s) waiting.
        var expected = Seconds(("a", 10), ("b", 30), ("c", 60));

        // Act
        var progress = Estimate(expected,
            Succeeded("a", TimeSpan.FromSeconds(10)),
            Running("b", TimeSpan.FromSeconds(10), "a"),
            Pending("c", "b"));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(80), progress.Remaining);
        Assert.Equal(20.0 / 100.0, progress.Fraction, 6);
        Assert.Equal(EstimateBasis.ExpectedDurations, progress.Basis);
        Assert.Equal((3, 1, 1, 1), (progress.Total, progress.Succeeded, progress.Running, progress.Waiting));
    }

    [Fact]
    public void Parallel_branches_finish_with_the_longest_branch_not_the_sum()
    {
        var expected = Seconds(("root", 5), ("fast", 10), ("slow", 100), ("join", 20));

        var progress = Estimate(expected,
            Pending("root"), Pending("fast", "root"), Pending("slow", "root"), Pending("join", "fast", "slow"));

        Assert.Equal(TimeSpan.FromSeconds(5 + 100 + 20), progress.Remaining);
        Assert.Equal(0, progress.Fraction);
    }

    [Fact]
    public void Without_any_durations_progress_counts_tasks_and_the_ETA_is_unknown()
    {
        var progress = Estimate(NoExpectations,
            new TaskInfo("a", "a", "skipped", 0, null, null, null, []), Running("b", TimeSpan.FromSeconds(3)),
            Pending("c"), Pending("d"));

        Assert.Null(progress.Remaining);
        Assert.Equal(EstimateBasis.None, progress.Basis);
        Assert.Equal(0.25, progress.Fraction, 6);
    }

    [Fact]
    public void Finished_tasks_give_the_elapsed_rate_for_tasks_without_an_expected_duration()
    {
        // Two finished tasks took 10s and 30s: the others are estimated at their mean, 20s.
        var progress = Estimate(NoExpectations,
            Succeeded("a", TimeSpan.FromSeconds(10)), Succeeded("b", TimeSpan.FromSeconds(30)),
            Running("c", TimeSpan.FromSeconds(5), "a", "b"), Pending("d", "c"));

        Assert.Equal(TimeSpan.FromSeconds(15 + 20), progress.Remaining);
        Assert.Equal(EstimateBasis.ObservedDurations, progress.Basis);
    }

    [Fact]
    public void Mapped_instances_estimate_from_their_finished_siblings_before_the_run_average()
    {
        var load = Pending("load");
        var progress = Estimate(NoExpectations,
            Succeeded("other", TimeSpan.FromSeconds(100)),
            Instance(Succeeded("load", TimeSpan.FromSeconds(4)), "load[0]"),
            Instance(load, "load[1]"),
            Pending("publish", "load"));

        // load[1] is estimated at 4s (its sibling), publish at the run mean (52s); publish waits for every load.
        Assert.Equal(TimeSpan.FromSeconds(4 + 52), progress.Remaining);
    }

    [Fact]
    public void A_task_running_past_its_estimate_counts_as_overdue_and_adds_no_more_time()
    {
        var expected = Seconds(("a", 10), ("b", 5));

        var progress = Estimate(expected, Running("a", TimeSpan.FromSeconds(25)), Pending("b", "a"));

        Assert.Equal(1, progress.Overdue);
        Assert.Equal(TimeSpan.FromSeconds(5), progress.Remaining);
        Assert.Equal(10.0 / 15.0, progress.Fraction, 6);
    }

    [Fact]
    public void Expected_and_observed_estimates_together_are_reported_as_mixed()
    {
        var progress = Estimate(Seconds(("a", 10)),
            Succeeded("a", TimeSpan.FromSeconds(12)), Succeeded("b", TimeSpan.FromSeconds(8)), Pending("c", "a", "b"));

        Assert.Equal(EstimateBasis.Mixed, progress.Basis);
        Assert.Equal(TimeSpan.FromSeconds(10), progress.Remaining); // c: mean of a and b as they ran (12s, 8s).
    }

    [Fact]
    public void A_finished_run_is_complete_with_nothing_remaining_whatever_its_tasks_say()
    {
        var progress = ProgressEstimator.Estimate("failed",
            [new TaskInfo("a", "a", "failed", 3, Now, Now, "boom", []), Pending("b", "a")], NoExpectations, Now);

        Assert.Equal(1.0, progress.Fraction);
        Assert.Equal(TimeSpan.Zero, progress.Remaining);
        Assert.Equal(1, progress.Failed);
    }

    [Fact]
    public void A_dependency_cycle_from_a_confused_server_does_not_hang_the_estimate()
    {
        var progress = Estimate(Seconds(("a", 1), ("b", 2)), Pending("a", "b"), Pending("b", "a"));

        Assert.NotNull(progress.Remaining);
    }
}
