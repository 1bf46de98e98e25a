using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Workflow.Alerting;
using Workflow.Engine.Telemetry;
using Workflow.Services;

namespace Workflow.Engine.Alerts;

/// <summary>
/// Posts queued alert deliveries to their webhooks. Each attempt retries quickly a few times (Polly, exponential
/// backoff); if the receiver is still down the delivery stays in SQLite with its error and is tried again later
/// with a doubling delay, so an alert raised during an outage arrives once the receiver is back.
/// </summary>
public sealed class WebhookDeliveryService(AlertStore store, WebhookDeliverySignal signal,
    IHttpClientFactory httpClients, IOptions<AlertOptions> options, WorkflowTelemetry telemetry, TimeProvider time,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string ClientName = "workflow-alerts";

    private readonly ResiliencePipeline<HttpResponseMessage> _retry = new ResiliencePipelineBuilder<HttpResponseMessage>
    {
        TimeProvider = time,
    }.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
    {
        MaxRetryAttempts = Math.Max(1, options.Value.ImmediateRetries),
        Delay = options.Value.ImmediateRetryDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = false,
        ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TaskCanceledException>()
            .HandleResult(r => (int)r.StatusCode >= 500 || (int)r.StatusCode == 429),
    }).Build();

    /// <summary>Delivers everything that is due now; returns how many deliveries succeeded.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var delivery in await store.DueAsync(time.GetUtcNow(), 100, cancellationToken))
        {
            var error = await TryPostAsync(delivery, cancellationToken);
            var attempt = delivery.Attempts + 1;
            if (error is null)
            {
                await store.MarkDeliveredAsync(delivery, time.GetUtcNow());
                telemetry.AlertDeliveries.Add(1, new KeyValuePair<string, object?>("result", "delivered"));
                Log.AlertDelivered(logger, delivery.AlertId, delivery.Url, delivery.Event, attempt);
                delivered++;
                continue;
            }

            var next = time.GetUtcNow() +
                       RedeliveryBackoff.After(attempt, options.Value.RedeliveryDelay, options.Value.MaxRedeliveryDelay);
            await store.MarkFailedAsync(delivery, error, next);
            telemetry.AlertDeliveries.Add(1, new KeyValuePair<string, object?>("result", "failed"));
            Log.AlertDeliveryFailed(logger, delivery.AlertId, delivery.Url, attempt, error, next);
        }

        return delivered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.DeliveryLoopFailed(logger, ex);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(signal.WaitAsync(wait.Token),
                    Task.Delay(options.Value.DeliveryPollInterval, time, wait.Token));
            }
            finally
            {
                await wait.CancelAsync();
            }
        }
    }

    private async Task<string?> TryPostAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var client = httpClients.CreateClient(ClientName);
            using var response = await _retry.ExecuteAsync(async token =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(options.Value.RequestTimeout);
                using var content = new StringContent(delivery.Payload, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                return await client.PostAsync(new Uri(delivery.Url), content, timeout.Token);
            }, cancellationToken);
            return response.IsSuccessStatusCode
                ? null
                : $"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException
                                       or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return ex.Message;
        }
    }
}
