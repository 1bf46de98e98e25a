using Workflow.Alerting;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Core.Tests.Alerting;

/// <summary>The alert rules both hosts share.</summary>
public class AlertRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_retry_notification_becomes_a_warning_alert_per_attempt()
    {
        // Act
        var alert = NotificationAlerts.For(new NotifyOn(), "run-1", "sales", "team", NotificationKind.TaskRetrying,
            "retrying", At, "extract", 2);

        // Assert
        Assert.Equal(("run-1/task-retrying/extract#2", AlertKind.TaskRetrying, AlertSeverity.Warning, 2),
            (alert?.Id, alert?.Kind, alert?.Severity, alert?.Attempt));
    }

    [Fact]
    public void A_notification_the_pipeline_does_not_want_raises_nothing()
    {
        // Act
        var success = NotificationAlerts.For(new NotifyOn(), "run-1", "sales", "team", NotificationKind.RunSucceeded,
            "done", At);
        var failure = NotificationAlerts.For(new NotifyOn { Failed = false }, "run-1", "sales", "team",
            NotificationKind.RunFailed, "failed", At);

        // Assert
        Assert.Null(success);
        Assert.Null(failure);
    }

    [Fact]
    public void Receivers_are_the_global_webhooks_then_the_pipelines_channels_each_once()
    {
        // Act
        var receivers = AlertReceivers.Of(["http://a/", "http://b/"],
            [new AlertChannel { Url = "http://b/" }, new AlertChannel { Url = "http://c/" }]);

        // Assert
        Assert.Equal(["http://a/", "http://b/", "http://c/"], receivers);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(4, 240)]
    [InlineData(10, 900)]
    public void The_redelivery_wait_doubles_per_attempt_up_to_the_maximum(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds),
            RedeliveryBackoff.After(attempt, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15)));

    [Theory]
    [InlineData(0, 0, 0, null, DeliveryStatus.None)]
    [InlineData(2, 1, 0, null, DeliveryStatus.Pending)]
    [InlineData(2, 1, 0, "refused", DeliveryStatus.Retrying)]
    [InlineData(2, 0, 1, "refused", DeliveryStatus.Failed)]
    [InlineData(2, 0, 0, null, DeliveryStatus.Delivered)]
    public void The_delivery_summary_names_the_state_of_the_deliveries(int deliveries, int pending, int failed,
        string? error, DeliveryStatus status) =>
        Assert.Equal(status, AlertDelivery.Summarize(1, deliveries, pending, failed, 3, error).Status);
}
