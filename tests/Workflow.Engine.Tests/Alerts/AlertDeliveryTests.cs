using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Alerts;
using Workflow.Engine.Telemetry;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Engine.Tests.Alerts;

public class AlertDeliveryTests
{
    private static Alert SampleAlert(string id, string pipeline = "sales", string group = "team") =>
        new(id, AlertKind.DeadlineAtRisk, AlertSeverity.Warning, pipeline, group, "sales@1", null,
            "Run sales@1 may miss its deadline", new DateTimeOffset(2026, 3, 3, 12, 0, 0, TimeSpan.Zero))
        {
            Deadline = new DateTimeOffset(2026, 3, 3, 22, 59, 0, TimeSpan.Zero),
            PredictedFinish = new DateTimeOffset(2026, 3, 4, 1, 0, 0, TimeSpan.Zero),
        };

    [Fact]
    public async Task An_alert_is_stored_logged_counted_and_posted_to_the_webhook_as_slack_and_teams_json()
    {
        await using var receiver = WebhookReceiver.Up();
        await using var engine = await AlertTestHost.StartAsync(o => o.Webhooks.Add(receiver.Url));
        var counted = new List<(long Value, string? Pipeline)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkflowTelemetry.Name && instrument.Name == "workflow.sla.alerts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (counted)
            {
                counted.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "pipeline").Value as string));
            }
        });
        listener.Start();
        var dispatcher = engine.Services.GetRequiredService<AlertDispatcher>();

        var outcome = await dispatcher.RaiseAsync(SampleAlert("sales@1/deadline-at-risk", "metric-probe"), null);

        var body = (await Poll.GetAsync(() => Task.FromResult(receiver.Received.ToArray()), r => r.Length > 0,
            "the webhook to receive the alert"))[0];
        var store = engine.Services.GetRequiredService<AlertStore>();
        var record = await Poll.GetAsync(() => store.GetAsync("sales@1/deadline-at-risk", default),
            r => r?.Delivery.Status == DeliveryStatus.Delivered, "the delivery to be recorded");
        Assert.Equal(RaiseOutcome.New, outcome);
        Assert.Contains("[deadline-at-risk] metric-probe: Run sales@1 may miss its deadline", body.GetProperty("text").GetString(),
            StringComparison.Ordinal);
        Assert.Equal("raised", body.GetProperty("event").GetString());
        Assert.Equal("deadline-at-risk", body.GetProperty("alert").GetProperty("kind").GetString());
        Assert.Equal("2026-03-04T01:00:00+00:00", body.GetProperty("alert").GetProperty("predictedFinish").GetString());
        Assert.True(engine.Logs.Has(Log.Ids.AlertRaised));
        Assert.Equal(1, record!.Delivery.Webhooks);
        lock (counted)
        {
            Assert.Contains((1L, "metric-probe"), counted);
        }
    }

    [Fact]
    public async Task An_alert_raised_while_the_receiver_is_down_is_kept_and_delivered_once_it_is_back()
    {
        await using var receiver = WebhookReceiver.Down();
        await using var engine = await AlertTestHost.StartAsync(o => o.Webhooks.Add(receiver.Url));
        var dispatcher = engine.Services.GetRequiredService<AlertDispatcher>();
        var store = engine.Services.GetRequiredService<AlertStore>();

        await dispatcher.RaiseAsync(SampleAlert("sales@1/deadline-at-risk"), null);
        var failing = await Poll.GetAsync(() => store.GetAsync("sales@1/deadline-at-risk", default),
            r => r is { Delivery.Status: DeliveryStatus.Retrying, Delivery.Attempts: >= 2 },
            "delivery attempts to fail while the receiver is down");
        receiver.Start();
        var delivered = await Poll.GetAsync(() => store.GetAsync("sales@1/deadline-at-risk", default),
            r => r?.Delivery.Status == DeliveryStatus.Delivered, "the alert to be delivered after the receiver is back");

        Assert.NotNull(failing!.Delivery.LastError);
        Assert.True(engine.Logs.Has(Log.Ids.AlertDeliveryFailed));
        Assert.Single(receiver.Received);
        Assert.Equal("sales@1/deadline-at-risk", receiver.Received.Single().GetProperty("alert").GetProperty("id").GetString());
        Assert.Equal(0, delivered!.Delivery.Pending);
    }

    [Fact]
    public async Task Raising_an_open_alert_again_notifies_once_and_clear_ack_and_group_filters_show_in_the_list()
    {
        await using var receiver = WebhookReceiver.Up();
        await using var engine = await AlertTestHost.StartAsync(o => o.Webhooks.Add(receiver.Url));
        var dispatcher = engine.Services.GetRequiredService<AlertDispatcher>();
        var store = engine.Services.GetRequiredService<AlertStore>();
        var at = new DateTimeOffset(2026, 3, 3, 13, 0, 0, TimeSpan.Zero);

        var first = await dispatcher.RaiseAsync(SampleAlert("a/1"), null);
        var again = await dispatcher.RaiseAsync(SampleAlert("a/1"), null);
        await dispatcher.RaiseAsync(SampleAlert("b/1", group: "other"), null);
        var cleared = await dispatcher.ClearAsync("a/1", at, "back on track", null, null);
        var clearedTwice = await dispatcher.ClearAsync("a/1", at, "back on track", null, null);
        var acked = await store.AckAsync("b/1", "alice", at);
        await Poll.GetAsync(() => Task.FromResult(receiver.Received.Count), n => n >= 3,
            "raise a, raise b and clear a to be delivered");

        var teamOnly = await store.ListAsync(new AlertQuery(OwnerGroups: ["team"]), default);
        var open = await store.ListAsync(new AlertQuery(AlertListStatus.Open), default);
        var ackedList = await store.ListAsync(new AlertQuery(AlertListStatus.Acked), default);
        Assert.Equal((RaiseOutcome.New, RaiseOutcome.AlreadyOpen), (first, again));
        Assert.True(cleared);
        Assert.False(clearedTwice);
        Assert.True(acked);
        Assert.Equal(["a/1"], teamOnly.Select(r => r.Alert.Id));
        Assert.Equal("back on track", teamOnly[0].ClearReason);
        Assert.Empty(open);
        Assert.Equal("alice", Assert.Single(ackedList).AckedBy);
        Assert.Equal(["raised", "raised", "cleared"],
            receiver.Received.Select(r => r.GetProperty("event").GetString()).Order().Reverse());
    }

    [Fact]
    public async Task A_clear_waits_for_its_raise_that_waits_out_the_receivers_outage_so_the_receiver_hears_them_in_order()
    {
        await using var receiver = WebhookReceiver.Down();
        await using var engine = await AlertTestHost.StartAsync(o =>
        {
            o.Webhooks.Add(receiver.Url);
            o.RedeliveryDelay = TimeSpan.FromSeconds(5);
            o.MaxRedeliveryDelay = TimeSpan.FromSeconds(5);
        });
        var dispatcher = engine.Services.GetRequiredService<AlertDispatcher>();
        var store = engine.Services.GetRequiredService<AlertStore>();
        await dispatcher.RaiseAsync(SampleAlert("sales@1/deadline-at-risk"), null);
        await Poll.GetAsync(() => store.GetAsync("sales@1/deadline-at-risk", default),
            r => r is { Delivery.Status: DeliveryStatus.Retrying }, "the raise to wait for its next attempt");

        receiver.Start();
        await dispatcher.ClearAsync("sales@1/deadline-at-risk", new DateTimeOffset(2026, 3, 3, 13, 0, 0, TimeSpan.Zero),
            "back on track", null, null);
        await Poll.UntilAsync(() => receiver.Received.Count >= 2, "the raise and the clear to be delivered");

        Assert.Equal(["raised", "cleared"], receiver.Received.Select(r => r.GetProperty("event").GetString()));
    }
    [Fact]
    public async Task A_receiver_that_never_answers_holds_up_no_other_receivers_alerts()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentUrl = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/hook/";
        await using var receiver = WebhookReceiver.Up();
        await using var engine = await AlertTestHost.StartAsync(o =>
        {
            o.Webhooks.Add(silentUrl);
            o.Webhooks.Add(receiver.Url);
            o.RequestTimeout = TimeSpan.FromMinutes(10);
        });
        var dispatcher = engine.Services.GetRequiredService<AlertDispatcher>();

        await dispatcher.RaiseAsync(SampleAlert("sales@1/deadline-at-risk"), null);
        await dispatcher.RaiseAsync(SampleAlert("sales@2/deadline-at-risk"), null);
        await dispatcher.RaiseAsync(SampleAlert("sales@3/deadline-at-risk"), null);

        var ids = await Poll.GetAsync(
            () => Task.FromResult(receiver.Received.Select(r => r.GetProperty("alert").GetProperty("id").GetString())
                .ToHashSet()),
            r => r.Count == 3, "the answering receiver to get every alert while the other never answers",
            describe: r => string.Join(", ", r));
        Assert.Equal(["sales@1/deadline-at-risk", "sales@2/deadline-at-risk", "sales@3/deadline-at-risk"], ids.Order());
    }
}
