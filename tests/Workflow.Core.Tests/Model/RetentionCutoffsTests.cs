using Workflow.Model;

namespace Workflow.Core.Tests.Model;

public class RetentionCutoffsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pipeline_without_retention_keeps_runs_and_logs_for_the_host_default()
    {
        // Act
        var cutoffs = RetentionCutoffs.For(null, TimeSpan.FromDays(7), Now);

        // Assert
        Assert.Equal(Now.AddDays(-7), cutoffs.Runs);
        Assert.Equal(Now.AddDays(-7), cutoffs.Logs);
    }

    [Fact]
    public void Logs_kept_shorter_than_runs_have_a_later_cutoff_and_never_an_earlier_one()
    {
        // Arrange
        var shorter = new RetentionPolicy { Runs = TimeSpan.FromDays(10), Logs = TimeSpan.FromDays(2) };
        var longer = new RetentionPolicy { Runs = TimeSpan.FromDays(2), Logs = TimeSpan.FromDays(10) };

        // Act
        var a = RetentionCutoffs.For(shorter, TimeSpan.FromDays(30), Now);
        var b = RetentionCutoffs.For(longer, TimeSpan.FromDays(30), Now);

        // Assert
        Assert.Equal((Now.AddDays(-10), Now.AddDays(-2)), (a.Runs, a.Logs));
        Assert.Equal((Now.AddDays(-2), Now.AddDays(-2)), (b.Runs, b.Logs));
    }

    [Fact]
    public void A_retention_longer_than_the_calendar_keeps_everything_rather_than_throwing()
    {
        // Arrange: stored before retention had an upper bound.
        var endless = new RetentionPolicy { Runs = TimeSpan.FromDays(10_000_000) };

        // Act
        var cutoffs = RetentionCutoffs.For(endless, TimeSpan.FromDays(30), Now);

        // Assert
        Assert.Equal(DateTimeOffset.UnixEpoch, cutoffs.Runs);
        Assert.Equal(DateTimeOffset.UnixEpoch, cutoffs.Logs);
    }
}
