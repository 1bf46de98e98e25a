using Workflow.Sla;
using Workflow.Sla.Backlog;

namespace Workflow.Core.Tests.Sla.Backlog;

public class QueueBacklogMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 3, 5, 0, 0, TimeSpan.Zero);

    private static BacklogSubject Subject(BacklogThresholds thresholds) => new("drain", "ops", "orders", thresholds);

    private static List<SlaCommand> Feed(BacklogSubject subject, params QueueSample[] samples)
    {
        var state = BacklogState.Initial;
        var commands = new List<SlaCommand>();
        foreach (var sample in samples)
        {
            (state, var produced) = QueueBacklogMonitor.Decide(state, subject, sample);
            commands.AddRange(produced);
        }

        return commands;
    }

    [Fact]
    public void Depth_over_the_limit_raises_once_and_clears_below_the_clear_level()
    {
        var subject = Subject(new BacklogThresholds { MaxDepth = 100, ClearFraction = 0.5 });

        var commands = Feed(subject,
            new QueueSample(T0, 50, null),
            new QueueSample(T0.AddMinutes(1), 150, null),
            new QueueSample(T0.AddMinutes(2), 400, null),
            new QueueSample(T0.AddMinutes(3), 80, null),
            new QueueSample(T0.AddMinutes(4), 40, null));

        Assert.Collection(commands,
            c =>
            {
                var alert = Assert.IsType<RaiseAlert>(c).Alert;
                Assert.Equal("drain/queue-backlog/orders", alert.Id);
                Assert.Equal(AlertKind.QueueBacklog, alert.Kind);
                Assert.Equal(150, alert.QueueDepth);
                Assert.Equal(T0.AddMinutes(1), alert.RaisedAt);
            },
            c => Assert.Equal(T0.AddMinutes(4), Assert.IsType<ClearAlert>(c).At));
    }

    [Fact]
    public void The_oldest_message_age_alone_raises_and_the_message_names_it()
    {
        var subject = Subject(new BacklogThresholds { MaxOldestAge = TimeSpan.FromMinutes(10) });

        var commands = Feed(subject, new QueueSample(T0, 3, TimeSpan.FromMinutes(25)));

        var alert = Assert.IsType<RaiseAlert>(Assert.Single(commands)).Alert;
        Assert.Contains("25m", alert.Message, StringComparison.Ordinal);
        Assert.Contains("limit 10m", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_spike_within_the_sustain_period_raises_nothing()
    {
        var subject = Subject(new BacklogThresholds { MaxDepth = 10, SustainFor = TimeSpan.FromMinutes(5) });

        var spike = Feed(subject, new QueueSample(T0, 20, null), new QueueSample(T0.AddMinutes(2), 20, null),
            new QueueSample(T0.AddMinutes(3), 2, null), new QueueSample(T0.AddMinutes(4), 20, null));
        var sustained = Feed(subject, new QueueSample(T0, 20, null), new QueueSample(T0.AddMinutes(5), 20, null));

        Assert.Empty(spike);
        Assert.IsType<RaiseAlert>(Assert.Single(sustained));
    }
}
