using Workflow.Functions.Alerts;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;
using Workflow.Sla;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Alerts;

/// <summary>Alerts raised by real orchestrations on the in-process Durable host reach the alerts table.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrchestratedAlertsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_slow_task_alert_from_a_real_sla_monitor_is_listed_open_and_then_cleared_when_the_run_ends()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "alerts-sla");
        await host.UpsertAsync(Pipeline("slow-sales", Code("slow", TestHandlers.Gate) with
        {
            ExpectedDuration = TimeSpan.FromSeconds(1),
        }) with
        { Sla = new SlaPolicy() });
        var alertId = AlertIds.ForRun("slow-sales@1", AlertKind.SlowTask, "slow");

        // Act
        await host.StartAsync("slow-sales", "slow-sales@1");
        await Poll.UntilAsync(async () => (await host.AlertService.ListAlertsAsync(
            new AlertQuery(AlertListStatus.Open, OwnerGroups: ["team"]), CancellationToken.None))
            .Any(r => r.Alert.Id == alertId), "the slow-task alert in the alerts table");
        host.Handlers.OpenGate();
        await host.CompletedAsync("slow-sales@1");
        await Poll.UntilAsync(async () => (await host.AlertService.GetAlertAsync(alertId, CancellationToken.None))
            ?.ClearedAt is not null, "the slow-task alert to clear");
        var alert = await host.AlertService.GetAlertAsync(alertId, CancellationToken.None);

        // Assert
        Assert.Equal((AlertKind.SlowTask, "slow", "team"), (alert?.Alert.Kind, alert?.Alert.TaskKey,
            alert?.Alert.OwnerGroup));
        Assert.Contains("finished", alert?.ClearReason, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.None, alert?.Delivery.Status);
    }

    [Fact]
    public async Task A_runs_alert_goes_to_the_channels_of_the_version_it_pinned_not_of_one_saved_since()
    {
        // Arrange: version 1 sends to one channel; version 2, saved while the run waits at its gate, to two others.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "alerts-pinned");
        var v1 = Pipeline("pinned-sla", Code("hold", TestHandlers.Gate), Shell("fail", "exit 3", "hold") with
        {
            Retry = new RetryPolicy { MaxAttempts = 1 },
        }) with
        { Sla = new SlaPolicy { Channels = [new AlertChannel { Url = "http://127.0.0.1:9/v1/" }] } };
        await host.UpsertAsync(v1);
        await host.StartAsync("pinned-sla", "pinned-sla@1");
        await Poll.UntilAsync(() => host.Handlers.AtGate.ContainsKey("pinned-sla@1/hold/1"),
            "the run to reach its gate");
        await host.Workflow.UpsertPipelineAsync(v1 with
        {
            Sla = new SlaPolicy
            {
                Channels = [new AlertChannel { Url = "http://127.0.0.1:9/v2a/" },
                    new AlertChannel { Url = "http://127.0.0.1:9/v2b/" }],
            },
        }, 1, "test", CancellationToken.None);

        // Act
        host.Handlers.OpenGate();
        await host.CompletedAsync("pinned-sla@1");
        var alert = await Poll.GetAsync(() => host.AlertService.GetAlertAsync(
                AlertIds.ForRun("pinned-sla@1", AlertKind.RunFailed), CancellationToken.None).AsTask(),
            a => a is not null, "the run-failed alert");

        // Assert: one webhook, version 1's; version 2 would have queued two.
        Assert.Equal(1, alert!.Delivery.Webhooks);
    }

    [Fact]
    public async Task A_run_that_fails_without_an_sla_still_raises_its_run_failed_alert()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "alerts-fail");
        await host.UpsertAsync(Pipeline("broken", Shell("fail", "exit 3") with
        {
            Retry = new RetryPolicy { MaxAttempts = 1 },
        }));

        // Act
        await host.StartAsync("broken", "broken@1");
        await host.CompletedAsync("broken@1");
        await Poll.UntilAsync(async () => await host.AlertService.GetAlertAsync(
            AlertIds.ForRun("broken@1", AlertKind.RunFailed), CancellationToken.None) is not null,
            "the run-failed alert");
        var alerts = await host.AlertService.ListAlertsAsync(new AlertQuery(PipelineId: "broken"),
            CancellationToken.None);

        // Assert
        var failed = Assert.Single(alerts, r => r.Alert.Kind == AlertKind.RunFailed);
        Assert.Equal((AlertSeverity.Critical, "broken@1"), (failed.Alert.Severity, failed.Alert.RunId));
        Assert.Contains(alerts, r => r.Alert.Kind == AlertKind.TaskFailed && r.Alert.TaskKey == "fail");
    }

    [Fact]
    public async Task A_task_that_fails_every_attempt_leaves_its_final_alerts_open_and_its_retries_superseded()
    {
        // Arrange: a monitored pipeline whose one task fails all three of its attempts.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "alerts-retries");
        await host.UpsertAsync(Pipeline("retrying", Shell("load", "exit 3") with
        {
            Retry = new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        }) with
        { Sla = new SlaPolicy() });
        string[] retries = [AlertIds.ForRun("retrying@1", AlertKind.TaskRetrying, "load", 1),
            AlertIds.ForRun("retrying@1", AlertKind.TaskRetrying, "load", 2)];

        // Act
        await host.StartAsync("retrying", "retrying@1");
        await host.CompletedAsync("retrying@1");
        var cleared = await Poll.GetAsync(async () => await Task.WhenAll(retries.Select(id =>
                host.AlertService.GetAlertAsync(id, CancellationToken.None).AsTask())),
            all => all.All(r => r?.ClearedAt is not null), "both retry alerts to clear");
        var active = await Poll.GetAsync(() => host.AlertService.ListAlertsAsync(
                new AlertQuery(AlertListStatus.Active, "retrying"), CancellationToken.None).AsTask(),
            list => list.Count >= 2, "the task-failed and run-failed alerts");

        // Assert
        Assert.Equal([AlertKind.TaskFailed, AlertKind.RunFailed], active.Select(r => r.Alert.Kind).Order());
        Assert.All(cleared, r => Assert.Equal(AlertKind.TaskFailed, r!.SupersededBy));
    }
}
