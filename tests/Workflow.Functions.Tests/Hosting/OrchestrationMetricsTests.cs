using System.Diagnostics.Metrics;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Functions.Hosting;
using Workflow.Sla;

namespace Workflow.Functions.Tests.Hosting;

public sealed class OrchestrationMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Collects the measurements of one metrics instance (other meters may share its name).</summary>
    private static List<(string Name, long Value, Dictionary<string, object?> Tags)> Listen(OrchestrationMetrics metrics,
        Action<OrchestrationMetrics> act)
    {
        var seen = new List<(string, long, Dictionary<string, object?>)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        act(metrics);
        return seen;
    }

    [Fact]
    public void A_failed_run_counts_as_failed_and_as_completed_with_its_status()
    {
        // Arrange
        using var metrics = new OrchestrationMetrics();
        var notify = new Notify(NotificationKind.RunFailed, T0, "Run failed.");

        // Act
        var seen = Listen(metrics, m => m.Record(new NotificationInput("sales@1", "sales", "data-eng", notify)));

        // Assert
        Assert.Contains(seen, s => s.Name == OrchestrationMetrics.RunsFailed && s.Value == 1
            && (string?)s.Tags["pipeline"] == "sales");
        Assert.Contains(seen, s => s.Name == OrchestrationMetrics.RunsCompleted && (string?)s.Tags["status"] == "failed");
        Assert.DoesNotContain(seen, s => s.Tags.ContainsKey("run"));
    }

    [Fact]
    public void A_raised_alert_is_counted_by_kind_and_a_cleared_one_is_not()
    {
        // Arrange
        using var metrics = new OrchestrationMetrics();
        var alert = new Alert("a1", AlertKind.DeadlineAtRisk, AlertSeverity.Warning, "sales", "data-eng", "sales@1", null,
            "May miss its deadline.", T0);

        // Act
        var seen = Listen(metrics, m =>
        {
            m.Record(new AlertInput(alert));
            m.Record(new AlertInput(ClearedId: "a1", ClearedAt: T0, Reason: "back on track"));
        });

        // Assert
        var counted = Assert.Single(seen, s => s.Name == OrchestrationMetrics.SlaAlerts);
        Assert.Equal("DeadlineAtRisk", counted.Tags["kind"]);
    }
}
