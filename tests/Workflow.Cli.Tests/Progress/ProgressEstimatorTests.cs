using Workflow.Cli.Api;
using Workflow.Cli.Progress;
using static Workflow.Cli.Tests.Support.Tasks;

namespace Workflow.Cli.Tests.Progress;

public sealed class ProgressEstimatorTests
{
    private static readonly Dictionary<string, TimeSpan> NoExpectations = new();

    private static RunProgress Estimate(IReadOnlyDictionary<string, TimeSpan> expected, RunCriticalPath? critical,
        params TaskInfo[] tasks) =>
        ProgressEstimator.Estimate("running", tasks, expected, critical, Now);

    private static Dictionary<string, TimeSpan> Seconds(params (string Id, int Seconds)[] items) =>
        items.ToDictionary(i => i.Id, i => TimeSpan.FromSeconds(i.Seconds));

    [Fact]
    public void The_ETA_and_the_critical_path_are_the_servers_and_the_fraction_weighs_tasks_by_their_estimates()
    {
        // Arrange: a(10s) done -> b(30s) running for 10s -> c(60s) waiting; the server projects 80s along a, b, c.
        var expected = Seconds(("a", 10), ("b", 30), ("c", 60));

        // Act
        var progress = Estimate(expected, Critical(TimeSpan.FromSeconds(80), "a", "b", "c"),
            Succeeded("a", TimeSpan.FromSeconds(10)), Running("b", TimeSpan.FromSeconds(10), "a"), Pending("c", "b"));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(80), progress.Remaining);
        Assert.Equal(["a", "b", "c"], progress.CriticalPath);
        Assert.Equal(20.0 / 100.0, progress.Fraction, 6);
        Assert.Equal((3, 1, 1, 1), (progress.Total, progress.Succeeded, progress.Running, progress.Waiting));
    }

    [Fact]
    public void Without_an_answer_from_the_server_there_is_no_ETA_but_progress_still_counts()
    {
        var progress = Estimate(Seconds(("a", 10)), null, Succeeded("a", TimeSpan.FromSeconds(10)), Pending("b", "a"));

        Assert.Null(progress.Remaining);
        Assert.Empty(progress.CriticalPath);
        Assert.Equal(10.0 / 20.0, progress.Fraction, 6);
    }

    [Fact]
    public void When_no_unfinished_task_has_an_estimate_the_ETA_is_unknown_and_progress_counts_tasks()
    {
        var critical = Critical(TimeSpan.Zero, "b") with { Unestimated = ["b", "c", "d"], EtaKnown = false };

        var progress = Estimate(NoExpectations, critical,
            new TaskInfo("a", "a", "skipped", 0, null, null, null, []), Running("b", TimeSpan.FromSeconds(3)),
            Pending("c"), Pending("d"));

        Assert.Null(progress.Remaining);
        Assert.Equal(3, progress.Unestimated);
        Assert.Equal(0.25, progress.Fraction, 6);
    }

    [Fact]
    public void Unestimated_and_overdue_tasks_are_counted_from_the_servers_answer()
    {
        var critical = Critical(TimeSpan.FromSeconds(5), "a", "b") with { Unestimated = ["c"], Overdue = ["a"] };

        var progress = Estimate(Seconds(("a", 10), ("b", 5)), critical,
            Running("a", TimeSpan.FromSeconds(25)), Pending("b", "a"), Pending("c", "a"));

        Assert.Equal(TimeSpan.FromSeconds(5), progress.Remaining);
        Assert.Equal((1, 1), (progress.Unestimated, progress.Overdue));
    }

    [Fact]
    public void Finished_tasks_give_the_elapsed_rate_for_tasks_without_an_expected_duration()
    {
        // Two finished tasks took 10s and 30s: the others weigh their mean, 20s; c has run 5s of its 20s.
        var progress = Estimate(NoExpectations, null,
            Succeeded("a", TimeSpan.FromSeconds(10)), Succeeded("b", TimeSpan.FromSeconds(30)),
            Running("c", TimeSpan.FromSeconds(5), "a", "b"), Pending("d", "c"));

        Assert.Equal((10.0 + 30 + 5) / (10 + 30 + 20 + 20), progress.Fraction, 6);
    }

    [Fact]
    public void Mapped_instances_weigh_as_their_finished_siblings_before_the_run_average()
    {
        var progress = Estimate(NoExpectations, null,
            Succeeded("other", TimeSpan.FromSeconds(100)),
            Instance(Succeeded("load", TimeSpan.FromSeconds(4)), "load[0]"),
            Instance(Pending("load"), "load[1]"),
            Pending("publish", "load"));

        // load[1] weighs 4s (its sibling), publish the run mean (52s).
        Assert.Equal(104.0 / (100 + 4 + 4 + 52), progress.Fraction, 6);
    }

    [Fact]
    public void A_finished_run_is_complete_with_nothing_remaining_whatever_its_tasks_say()
    {
        var progress = ProgressEstimator.Estimate("failed",
            [new TaskInfo("a", "a", "failed", 3, Now, Now, "boom", []), Pending("b", "a")], NoExpectations, null, Now);

        Assert.Equal(1.0, progress.Fraction);
        Assert.Equal(TimeSpan.Zero, progress.Remaining);
        Assert.Equal(1, progress.Failed);
    }
}
