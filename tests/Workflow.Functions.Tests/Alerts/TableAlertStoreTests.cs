using Workflow.Functions.Alerts;
using Workflow.Functions.Tests.Support;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Tests.Alerts;

[Collection(AzuriteCollection.Name)]
public sealed class TableAlertStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Raising_the_same_alert_twice_keeps_one_alert_and_queues_its_webhook_once()
    {
        // Arrange
        var bed = await AlertTestBed.CreateAsync(azurite);
        var alert = Alert("run-1", AlertKind.SlowRun, "sales", "team", At);

        // Act
        var first = await bed.Store.RaiseAsync(alert, ["http://127.0.0.1:9/a"], CancellationToken.None);
        var second = await bed.Store.RaiseAsync(alert with { Message = "still slow" }, ["http://127.0.0.1:9/a"],
            CancellationToken.None);
        var stored = await bed.Service.GetAlertAsync(alert.Id, CancellationToken.None);

        // Assert
        Assert.Equal(RaiseOutcome.New, first.Outcome);
        Assert.Single(first.Messages);
        Assert.Equal(RaiseOutcome.AlreadyOpen, second.Outcome);
        Assert.Equal(("still slow", 1, DeliveryStatus.Pending, 1),
            (stored?.Alert.Message, stored?.RaiseCount, stored?.Delivery.Status, stored?.Delivery.Webhooks));
    }

    [Fact]
    public async Task A_member_lists_only_their_groups_alerts_newest_first_with_the_filters_of_the_api()
    {
        // Arrange
        var bed = await AlertTestBed.CreateAsync(azurite);
        await bed.Store.RaiseAsync(Alert("run-1", AlertKind.SlowRun, "sales", "team", At), [], CancellationToken.None);
        await bed.Store.RaiseAsync(Alert("run-2", AlertKind.RunFailed, "sales", "team", At.AddMinutes(1)), [],
            CancellationToken.None);
        await bed.Store.RaiseAsync(Alert("run-3", AlertKind.RunFailed, "hr", "people", At.AddMinutes(2)), [],
            CancellationToken.None);
        await bed.Store.AckAsync("run-2/run-failed", "ana", At, CancellationToken.None);

        // Act
        var team = await bed.Service.ListAlertsAsync(new AlertQuery(OwnerGroups: ["team"]), CancellationToken.None);
        var open = await bed.Service.ListAlertsAsync(new AlertQuery(AlertListStatus.Open, OwnerGroups: ["team"]),
            CancellationToken.None);
        var failed = await bed.Service.ListAlertsAsync(new AlertQuery(Kind: AlertKind.RunFailed),
            CancellationToken.None);
        var hr = await bed.Service.ListAlertsAsync(new AlertQuery(PipelineId: "hr"), CancellationToken.None);

        // Assert
        Assert.Equal(["run-2/run-failed", "run-1/slow-run"], team.Select(r => r.Alert.Id));
        Assert.Equal(["run-1/slow-run"], open.Select(r => r.Alert.Id));
        Assert.Equal(["run-3/run-failed", "run-2/run-failed"], failed.Select(r => r.Alert.Id));
        Assert.Equal(["run-3/run-failed"], hr.Select(r => r.Alert.Id));
    }

    [Fact]
    public async Task The_first_acknowledgement_wins_and_an_unknown_alert_is_not_acknowledged()
    {
        // Arrange
        var bed = await AlertTestBed.CreateAsync(azurite);
        var alert = Alert("run-1", AlertKind.DeadlineMissed, "sales", "team", At);
        await bed.Store.RaiseAsync(alert, [], CancellationToken.None);

        // Act
        var first = await bed.Service.AcknowledgeAlertAsync(alert.Id, "ana", CancellationToken.None);
        var second = await bed.Service.AcknowledgeAlertAsync(alert.Id, "bob", CancellationToken.None);
        var unknown = await bed.Service.AcknowledgeAlertAsync("no/such", "ana", CancellationToken.None);
        var stored = await bed.Service.GetAlertAsync(alert.Id, CancellationToken.None);

        // Assert
        Assert.Equal((true, true, false), (first, second, unknown));
        Assert.Equal("ana", stored?.AckedBy);
        Assert.NotNull(stored?.AckedAt);
    }

    [Fact]
    public async Task A_cleared_alert_that_is_raised_again_reopens_and_goes_to_its_receivers_again()
    {
        // Arrange
        var bed = await AlertTestBed.CreateAsync(azurite);
        var alert = Alert("run-1", AlertKind.DeadlineAtRisk, "sales", "team", At);
        string[] receivers = ["http://127.0.0.1:9/a"];
        await bed.Store.RaiseAsync(alert, receivers, CancellationToken.None);
        await bed.Store.AckAsync(alert.Id, "ana", At, CancellationToken.None);

        // Act
        var cleared = await bed.Store.ClearAsync(alert.Id, At.AddMinutes(5), "back on track", null, _ => receivers,
            CancellationToken.None);
        var clearedAgain = await bed.Store.ClearAsync(alert.Id, At.AddMinutes(6), "again", null, _ => receivers,
            CancellationToken.None);
        var afterClear = await bed.Service.GetAlertAsync(alert.Id, CancellationToken.None);
        var reopened = await bed.Store.RaiseAsync(alert with { RaisedAt = At.AddMinutes(9) }, receivers,
            CancellationToken.None);
        var afterReopen = await bed.Service.GetAlertAsync(alert.Id, CancellationToken.None);

        // Assert
        Assert.True(cleared.Cleared);
        Assert.Equal(["cleared#1"], cleared.Messages.Select(m => m.Event));
        Assert.False(clearedAgain.Cleared);
        Assert.Equal(("back on track", At.AddMinutes(5)), (afterClear?.ClearReason, afterClear?.ClearedAt));
        Assert.Equal(RaiseOutcome.Reopened, reopened.Outcome);
        Assert.Equal(["raised#2"], reopened.Messages.Select(m => m.Event));
        Assert.Null(afterReopen?.ClearedAt);
        Assert.Null(afterReopen?.AckedBy);
        Assert.Equal(2, afterReopen?.RaiseCount);
    }

    [Fact]
    public async Task Clearing_a_deleted_pipelines_alerts_clears_acked_and_open_ones_and_tells_its_receiver()
    {
        // Arrange
        using var receiver = new WebhookReceiver();
        receiver.Start();
        var bed = await AlertTestBed.CreateAsync(azurite);
        await bed.Store.RaiseAsync(Alert("run-1", AlertKind.SlowRun, "sales", "team", At), [], CancellationToken.None);
        await bed.Store.RaiseAsync(Alert("run-2", AlertKind.RunFailed, "sales", "team", At), [], CancellationToken.None);
        await bed.Store.RaiseAsync(Alert("run-3", AlertKind.RunFailed, "hr", "team", At), [], CancellationToken.None);
        await bed.Store.AckAsync("run-2/run-failed", "ana", At, CancellationToken.None);
        var deleted = new Workflow.Model.PipelineDefinition
        {
            Id = "sales",
            OwnerGroup = "team",
            Tasks = [new Workflow.Model.TaskDefinition { Id = "t", Kind = "delay" }],
            Sla = new Workflow.Model.SlaPolicy { Channels = [new Workflow.Model.AlertChannel { Url = receiver.Url }] },
        };

        // Act
        var cleared = await bed.Service.ClearPipelineAlertsAsync(deleted, "pipeline deleted by ana",
            CancellationToken.None);
        await bed.PumpAsync();

        // Assert
        var active = await bed.Service.ListAlertsAsync(new AlertQuery(AlertListStatus.Active), CancellationToken.None);
        Assert.Equal(2, cleared);
        Assert.Equal(["run-3/run-failed"], active.Select(r => r.Alert.Id));
        Assert.Equal("pipeline deleted by ana",
            (await bed.Service.GetAlertAsync("run-1/slow-run", CancellationToken.None))!.ClearReason);
        Assert.Equal(1, receiver.Count("run-1/slow-run", "cleared"));
        Assert.Equal(1, receiver.Count("run-2/run-failed", "cleared"));
    }

    [Fact]
    public async Task A_run_filter_lists_that_runs_alerts_and_not_its_child_runs_or_a_run_whose_id_extends_it()
    {
        // Arrange: a child run's id starts with its parent's and a slash, as its alerts' ids do.
        var bed = await AlertTestBed.CreateAsync(azurite);
        foreach (var (run, kind) in new[]
                 {
                     ("p@1", AlertKind.RunFailed), ("p@1", AlertKind.SlowRun), ("p@1/sub#1", AlertKind.RunFailed),
                     ("p@10", AlertKind.RunFailed), ("p@1x", AlertKind.RunFailed),
                 })
        {
            await bed.Store.RaiseAsync(Alert(run, kind, "p", "team", At), [], CancellationToken.None);
        }

        // Act
        var parent = await bed.Service.ListAlertsAsync(new AlertQuery(RunId: "p@1"), CancellationToken.None);
        var child = await bed.Service.ListAlertsAsync(new AlertQuery(RunId: "p@1/sub#1", OwnerGroups: ["team"]),
            CancellationToken.None);

        // Assert
        Assert.Equal(["p@1/run-failed", "p@1/slow-run"], parent.Select(r => r.Alert.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["p@1/sub#1/run-failed"], child.Select(r => r.Alert.Id));
    }

    private static Alert Alert(string runId, AlertKind kind, string pipeline, string group, DateTimeOffset at) =>
        new(AlertIds.ForRun(runId, kind), kind, AlertSeverity.Warning, pipeline, group, runId, null,
            $"{kind} on {runId}", at);
}
