using Workflow.Model;
using Workflow.Sla;
using static Workflow.Core.Tests.Sla.SlaFixtures;

namespace Workflow.Core.Tests.Sla;

public class SlaMonitorStartsTests
{
    private static readonly DeadlineRule Noon = new() { Time = new TimeOnly(12, 0) };

    private static PipelineDefinition Zoned(DeadlineRule rule) => Chain(new SlaPolicy { Deadline = rule }) with
    {
        Schedules =
        [
            new ScheduleDefinition { Cron = "0 1 * * *", TimeZone = "Asia/Tokyo", Enabled = false },
            new ScheduleDefinition { Cron = "0 1 * * *", TimeZone = "America/New_York" },
        ],
    };

    [Fact]
    public void A_deadline_without_a_zone_is_read_in_the_zone_of_the_first_enabled_schedule()
    {
        // Act
        var start = SlaMonitorStarts.Create(T0, "chain@1", Zoned(Noon), T0, _ => [], new DurationEstimator(), null);

        // Assert
        Assert.Null(start.DeadlineError);
        Assert.Equal(DeadlineCalculator.Compute(Noon, T0, "America/New_York"), start.Event.Deadline);
        Assert.NotEqual(DeadlineCalculator.Compute(Noon, T0, "Asia/Tokyo"), start.Event.Deadline);
    }

    [Fact]
    public void The_hosts_settings_and_the_history_estimates_travel_on_the_start_event()
    {
        // Arrange
        var settings = new SlaMonitorSettings { EvaluationInterval = M(17) };
        IReadOnlyList<TimeSpan> history = [.. Enumerable.Repeat(M(4), 20)];

        // Act
        var start = SlaMonitorStarts.Create(T0, "chain@1", Chain(), T0, id => id == "a" ? history : [],
            new DurationEstimator(), settings);

        // Assert
        Assert.Same(settings, start.Event.Settings);
        Assert.Equal((EstimateSource.History, M(4)), (start.Event.Estimates["a"].Source, start.Event.Estimates["a"].P50));
        Assert.NotEqual(EstimateSource.History, start.Event.Estimates["b"].Source);
    }

    [Fact]
    public void A_rule_that_cannot_be_computed_loses_only_its_deadline_and_says_why()
    {
        // Act
        var start = SlaMonitorStarts.Create(T0, "chain@1", Zoned(new DeadlineRule { Within = -H(1) }), T0, _ => [],
            new DurationEstimator(), null);

        // Assert
        Assert.Null(start.Event.Deadline);
        Assert.Contains("sla.deadline.within", start.DeadlineError?.Message, StringComparison.Ordinal);
        Assert.Equal(SlaMonitorSettings.Default, start.Event.Settings);
    }
}
