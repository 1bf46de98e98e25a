using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Alerting;

namespace Workflow.Functions.Alerts;

/// <summary>What handling one webhook message did.</summary>
public enum DeliveryOutcome
{
    Delivered,
    Retrying,
    GivenUp,

    /// <summary>
    /// Nothing was posted: delivered already, stale, gone, held by another handler, or behind an earlier event of its
    /// alert to the same receiver.
    /// </summary>
    Skipped,
}

/// <summary>
/// Handles one webhook delivery message, the body of <see cref="WebhookDeliveryFunction"/>: claims the delivery,
/// posts the payload, and records the outcome on the alert. A failure sends the message again with the redelivery
/// backoff as its visibility delay, until <see cref="AlertsOptions.MaxAttempts"/>, when the delivery is marked
/// failed. A delivery recorded as delivered is never posted again, however often its message is dequeued, and one
/// whose alert has an earlier event still pending for the same receiver waits for it (its message comes back after
/// the redelivery delay), so a clear never overtakes its raise.
/// </summary>
public sealed class WebhookDeliveryHandler(TableAlertStore store, WebhookQueue queue, HttpClient http,
    IOptions<AlertsOptions> options, TimeProvider time, ILogger<WebhookDeliveryHandler> logger)
{
    public async Task<DeliveryOutcome> HandleAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var o = options.Value;
        var now = time.GetUtcNow();
        // A claim outlives the request, so a duplicate never posts while this one may still be posting.
        var claim = await store.ClaimAsync(message, now, now + 3 * o.RequestTimeout, cancellationToken);
        if (claim.Verdict is ClaimVerdict.Busy or ClaimVerdict.Behind)
        {
            await queue.SendAsync(message,
                claim.Verdict == ClaimVerdict.Busy ? claim.RetryIn : o.RedeliveryDelay, cancellationToken);
        }

        if (claim.Verdict != ClaimVerdict.Claimed)
        {
            return DeliveryOutcome.Skipped;
        }

        var attempt = claim.Delivery!.Attempts + 1;
        var error = await PostAsync(message, o.RequestTimeout, cancellationToken);
        if (error is null)
        {
            await store.RecordAsync(message, d => d with
            {
                State = ReceiverState.Delivered,
                Attempts = attempt,
                LastError = null,
                DeliveredAt = time.GetUtcNow(),
            }, cancellationToken);
            Log.AlertDelivered(logger, message.AlertId, message.Url, message.Event, attempt);
            return DeliveryOutcome.Delivered;
        }

        if (attempt >= o.MaxAttempts)
        {
            await store.RecordAsync(message, d => d with
            {
                State = ReceiverState.Failed,
                Attempts = attempt,
                LastError = error,
            }, cancellationToken);
            Log.AlertDeliveryGivenUp(logger, message.AlertId, message.Url, attempt, error);
            return DeliveryOutcome.GivenUp;
        }

        // The next attempt's message goes out before the failure is recorded: a crash in between leaves a message
        // that still matches the delivery, never a delivery without a message.
        var delay = RedeliveryBackoff.After(attempt, o.RedeliveryDelay, o.MaxRedeliveryDelay);
        await queue.SendAsync(message with { Attempts = attempt }, delay, cancellationToken);
        await store.RecordAsync(message, d => d with { Attempts = attempt, LastError = error }, cancellationToken);
        Log.AlertDeliveryFailed(logger, message.AlertId, message.Url, attempt, error, delay);
        return DeliveryOutcome.Retrying;
    }

    private async Task<string?> PostAsync(WebhookMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            using var content = new StringContent(message.Payload, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await http.PostAsync(new Uri(message.Url), content, limit.Token);
            return response.IsSuccessStatusCode
                ? null
                : $"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException
                                       && !cancellationToken.IsCancellationRequested)
        {
            return ex.Message;
        }
    }
}
