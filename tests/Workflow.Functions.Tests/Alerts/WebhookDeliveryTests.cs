using Workflow.Durable.Sla;
using Workflow.Functions.Alerts;
using Workflow.Functions.Tests.Support;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Tests.Alerts;

/// <summary>
/// Webhook delivery over the Storage queue, with a real receiver on 127.0.0.1 and the handler playing the queue
/// trigger (<see cref="AlertTestBed.PumpAsync"/>).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookDeliveryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_receiver_that_is_down_at_first_gets_each_alert_once_after_it_comes_back()
    {
        // Arrange
        using var receiver = new WebhookReceiver();
        var bed = await AlertTestBed.CreateAsync(azurite);
        await bed.SavePipelineAsync("sales", "team", receiver.Url);
        string[] ids = ["run-1/slow-run", "run-2/slow-run", "run-3/slow-run"];
        foreach (var id in ids)
        {
            await bed.Activities.PublishAsync(new AlertInput(SlowRun(id)), null, CancellationToken.None);
        }

        var whileDown = await bed.PumpAsync();
        var retrying = await bed.Service.GetAlertAsync(ids[0], CancellationToken.None);

        // Act
        receiver.Start();
        var afterwards = new List<DeliveryOutcome>();
        await Poll.UntilAsync(async () =>
        {
            afterwards.AddRange(await bed.PumpAsync());
            return afterwards.Count(o => o == DeliveryOutcome.Delivered) == ids.Length;
        }, "the three alerts to be delivered");
        var delivered = await bed.Service.ListAlertsAsync(new AlertQuery(), CancellationToken.None);

        // Assert
        // A slow pump may see a first retry come due while the receiver is still down: at least one attempt each.
        Assert.True(whileDown.Count >= ids.Length, $"{whileDown.Count} attempts while the receiver was down");
        Assert.All(whileDown, o => Assert.Equal(DeliveryOutcome.Retrying, o));
        Assert.Equal(DeliveryStatus.Retrying, retrying?.Delivery.Status);
        Assert.True(retrying?.Delivery.Attempts >= 1);
        Assert.NotNull(retrying?.Delivery.LastError);
        Assert.All(ids, id => Assert.Equal(1, receiver.Count(id, "raised")));
        Assert.Equal(ids.Length, receiver.Received.Count);
        Assert.All(delivered, r => Assert.Equal((DeliveryStatus.Delivered, 0, null),
            (r.Delivery.Status, r.Delivery.Pending, r.Delivery.LastError)));
        Assert.Equal(0, await bed.QueuedAsync());
    }

    [Fact]
    public async Task A_message_handled_twice_posts_its_alert_once()
    {
        // Arrange
        using var receiver = new WebhookReceiver();
        receiver.Start();
        var bed = await AlertTestBed.CreateAsync(azurite);
        await bed.SavePipelineAsync("sales", "team", receiver.Url);
        await bed.Activities.PublishAsync(new AlertInput(SlowRun("run-1/slow-run")), null, CancellationToken.None);
        var queued = Assert.Single((await bed.Storage.Queue.ReceiveMessagesAsync(1)).Value);
        var message = WebhookMessage.FromJson(queued.MessageText);

        // Act
        var first = await bed.Handler.HandleAsync(message, CancellationToken.None);
        var second = await bed.Handler.HandleAsync(message, CancellationToken.None);

        // Assert
        Assert.Equal((DeliveryOutcome.Delivered, DeliveryOutcome.Skipped), (first, second));
        Assert.Equal(1, receiver.Count("run-1/slow-run", "raised"));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task A_delivery_still_failing_at_the_last_attempt_is_marked_failed_and_not_tried_again()
    {
        // Arrange
        using var receiver = new WebhookReceiver();
        var bed = await AlertTestBed.CreateAsync(azurite, o => o.MaxAttempts = 2);
        await bed.SavePipelineAsync("sales", "team", receiver.Url);
        await bed.Activities.PublishAsync(new AlertInput(SlowRun("run-1/slow-run")), null, CancellationToken.None);

        // Act
        var outcomes = new List<DeliveryOutcome>();
        await Poll.UntilAsync(async () =>
        {
            outcomes.AddRange(await bed.PumpAsync());
            return outcomes.Contains(DeliveryOutcome.GivenUp);
        }, "the delivery to be given up");
        var alert = await bed.Service.GetAlertAsync("run-1/slow-run", CancellationToken.None);

        // Assert
        Assert.Equal([DeliveryOutcome.Retrying, DeliveryOutcome.GivenUp], outcomes);
        Assert.Equal((DeliveryStatus.Failed, 2, 0), (alert?.Delivery.Status, alert?.Delivery.Attempts,
            alert?.Delivery.Pending));
        Assert.Equal(0, await bed.QueuedAsync());
    }

    [Fact]
    public async Task A_clear_waits_for_its_raise_that_waits_out_the_receivers_outage_so_the_receiver_hears_them_in_order()
    {
        // Arrange
        using var receiver = new WebhookReceiver();
        var bed = await AlertTestBed.CreateAsync(azurite, o => o.RedeliveryDelay = TimeSpan.FromSeconds(5));
        await bed.SavePipelineAsync("sales", "team", receiver.Url);
        var alert = SlowRun("run-1/slow-run");
        await bed.Activities.PublishAsync(new AlertInput(alert), null, CancellationToken.None);
        var whileDown = await bed.PumpAsync();
        receiver.Start();

        // Act
        await bed.Activities.PublishAsync(new AlertInput(ClearedId: alert.Id, ClearedAt: At.AddMinutes(3),
            Reason: "back on track"), null, CancellationToken.None);
        var outcomes = new List<DeliveryOutcome>();
        await Poll.UntilAsync(async () =>
        {
            outcomes.AddRange(await bed.PumpAsync());
            return receiver.Received.Count >= 2;
        }, "the raise and the clear to be delivered");

        // Assert
        Assert.Equal([DeliveryOutcome.Retrying], whileDown);
        Assert.Equal([(alert.Id, "raised"), (alert.Id, "cleared")], receiver.Received);
        Assert.Contains(DeliveryOutcome.Skipped, outcomes);
    }

    private static Alert SlowRun(string id) => new(id, AlertKind.SlowRun, AlertSeverity.Warning, "sales", "team",
        id.Split('/')[0], null, $"{id} is slow", At);
}
