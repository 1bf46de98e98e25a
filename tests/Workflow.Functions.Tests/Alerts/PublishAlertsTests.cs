using System.Text.Json;
using Workflow.Alerting;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Functions.Alerts;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Tests.Alerts;

/// <summary>The publish activities write the alerts that <c>/api/alerts</c> answers from.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PublishAlertsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_run_failure_published_by_the_run_and_by_its_monitor_is_one_alert_with_one_delivery()
    {
        // Arrange
        var bed = await AlertTestBed.CreateAsync(azurite);
        await bed.SavePipelineAsync("sales", "team", "http://127.0.0.1:9/hook/");
        var notify = new Notify(NotificationKind.RunFailed, At, "Task extract failed.");
        var monitorAlert = NotificationAlerts.For(new NotifyOn(), "run-1", "sales", "team", notify.Kind,
            notify.Message, notify.At)!;

        // Act
        await bed.Activities.NotifyAsync(new NotificationInput("run-1", "sales", "team", notify),
            null, CancellationToken.None);
        await bed.Activities.PublishAsync(new AlertInput(monitorAlert), null, CancellationToken.None);
        await bed.Activities.NotifyAsync(new NotificationInput("run-1", "sales", "team", notify),
            null, CancellationToken.None);
        var alerts = await bed.Service.ListAlertsAsync(new AlertQuery(OwnerGroups: ["team"]), CancellationToken.None);

        // Assert
        var alert = Assert.Single(alerts);
        Assert.Equal(("run-1/run-failed", AlertKind.RunFailed, AlertSeverity.Critical, 1),
            (alert.Alert.Id, alert.Alert.Kind, alert.Alert.Severity, alert.Delivery.Webhooks));
        Assert.Equal(1, alert.RaiseCount);
    }

    [Fact]
    public async Task A_retry_the_pipeline_does_not_want_notified_raises_no_alert()
    {
        // Arrange
        var bed = await AlertTestBed.CreateAsync(azurite);
        await bed.Catalog.UpsertAsync(new PipelineDefinition
        {
            Id = "quiet",
            OwnerGroup = "team",
            Tasks = [new TaskDefinition { Id = "extract", Kind = "delay" }],
            Sla = new SlaPolicy { Notify = new NotifyOn { Retrying = false } },
        }, null, "ana", CancellationToken.None);
        var notify = new Notify(NotificationKind.TaskRetrying, At, "retrying", "extract", 2);

        // Act
        await bed.Activities.NotifyAsync(new NotificationInput("run-1", "quiet", "team", notify),
            null, CancellationToken.None);
        var alerts = await bed.Service.ListAlertsAsync(new AlertQuery(), CancellationToken.None);

        // Assert
        Assert.Empty(alerts);
    }

    [Fact]
    public async Task An_SLA_alert_the_monitor_raises_and_clears_is_listed_cleared_with_both_deliveries_queued()
    {
        // Arrange
        var bed = await AlertTestBed.CreateAsync(azurite);
        await bed.SavePipelineAsync("sales", "team", "http://127.0.0.1:9/hook/");
        var alert = new Alert(AlertIds.ForRun("run-1", AlertKind.DeadlineAtRisk), AlertKind.DeadlineAtRisk,
            AlertSeverity.Warning, "sales", "team", "run-1", null, "may miss its deadline", At);

        // Act
        await bed.Activities.PublishAsync(new AlertInput(alert), null, CancellationToken.None);
        await bed.Activities.PublishAsync(new AlertInput(ClearedId: alert.Id, ClearedAt: At.AddMinutes(3),
            Reason: "back on track"), null, CancellationToken.None);
        var cleared = await bed.Service.ListAlertsAsync(new AlertQuery(AlertListStatus.Cleared),
            CancellationToken.None);

        // Assert
        var record = Assert.Single(cleared);
        Assert.Equal(("back on track", At.AddMinutes(3)), (record.ClearReason, record.ClearedAt));
        Assert.Equal((DeliveryStatus.Pending, 2), (record.Delivery.Status, record.Delivery.Pending));
        Assert.Equal(2, await bed.QueuedAsync());
    }

    [Fact]
    public async Task An_alert_a_worse_one_superseded_is_listed_and_sent_as_superseded_not_resolved()
    {
        // Arrange
        var bed = await AlertTestBed.CreateAsync(azurite);
        await bed.SavePipelineAsync("sales", "team", "http://127.0.0.1:9/hook/");
        var alert = new Alert(AlertIds.ForRun("run-1", AlertKind.DeadlineAtRisk), AlertKind.DeadlineAtRisk,
            AlertSeverity.Warning, "sales", "team", "run-1", null, "may miss its deadline", At);

        // Act
        await bed.Activities.PublishAsync(new AlertInput(alert), null, CancellationToken.None);
        await bed.Activities.PublishAsync(AlertInput.Of(new ClearAlert(alert.Id, At.AddMinutes(3),
            "Superseded: the deadline has passed.", AlertKind.DeadlineMissed)), null, CancellationToken.None);
        var record = await bed.Service.GetAlertAsync(alert.Id, CancellationToken.None);
        var queued = (await bed.Storage.Queue.PeekMessagesAsync(32)).Value
            .Select(m => WebhookMessage.FromJson(m.MessageText)).ToList();

        // Assert: the API's record and the clear's queued webhook body both say what replaced it.
        Assert.Equal(AlertKind.DeadlineMissed, record?.SupersededBy);
        var clear = JsonDocument.Parse(Assert.Single(queued, m => m.Event.StartsWith("cleared#",
            StringComparison.Ordinal)).Payload).RootElement;
        Assert.StartsWith("⏭️ superseded by deadline-missed [deadline-at-risk] sales",
            clear.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("deadline-missed", clear.GetProperty("supersededBy").GetString());
    }
}
