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

    [Fact]
    public void A_clears_text_names_the_run_it_is_about_beside_its_reason()
    {
        // Arrange
        var alert = new Alert("sales@manual-1/slow-task/load", AlertKind.SlowTask, AlertSeverity.Warning, "sales",
            "team", "sales@manual-1", "load", "Task load of run sales@manual-1 has run 3m, longer than ...", At);

        // Act
        var text = System.Text.Json.JsonDocument.Parse(WebhookPayload.Build(alert, WebhookPayload.Cleared,
            "Task load finished (succeeded) after 4m.")).RootElement.GetProperty("text").GetString();

        // Assert
        Assert.Equal("✅ resolved [slow-task] sales, run sales@manual-1: Task load finished (succeeded) after 4m.", text);
    }

    [Fact]
    public void A_clear_superseded_by_a_worse_alert_does_not_read_as_resolved()
    {
        // Arrange
        var alert = new Alert("sales@1/deadline-at-risk", AlertKind.DeadlineAtRisk, AlertSeverity.Warning, "sales",
            "team", "sales@1", null, "Run sales@1 may miss its deadline ...", At);

        // Act
        var body = System.Text.Json.JsonDocument.Parse(WebhookPayload.Build(alert, WebhookPayload.Cleared,
            "Superseded: the deadline has passed.", AlertKind.DeadlineMissed)).RootElement;

        // Assert
        Assert.Equal("⏭️ superseded by deadline-missed [deadline-at-risk] sales, run sales@1: Superseded: the " +
                     "deadline has passed.", body.GetProperty("text").GetString());
        Assert.Equal("deadline-missed", body.GetProperty("supersededBy").GetString());
    }

    [Fact]
    public void A_stored_kind_name_reads_back_as_its_kind()
    {
        Assert.All(Enum.GetValues<AlertKind>(), k => Assert.Equal(k, AlertIds.KindNamed(AlertIds.Name(k))));
        Assert.Null(AlertIds.KindNamed(null));
        Assert.Null(AlertIds.KindNamed("no-such-kind"));
    }

    [Fact]
    public void An_alerts_events_are_ordered_raise_clear_raise_again()
    {
        // Act
        string[] events = ["cleared#2", "raised#10", "raised#2", "cleared#1", "raised#1"];
        var ordered = events.Order(Comparer<string>.Create((a, b) =>
            WebhookPayload.Precedes(a, b) ? -1 : WebhookPayload.Precedes(b, a) ? 1 : 0));

        // Assert
        Assert.Equal(["raised#1", "cleared#1", "raised#2", "cleared#2", "raised#10"], ordered);
    }
}
