using System.Collections.Concurrent;
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
/// Posts queued alert deliveries to their webhooks, each receiver in a lane of its own, so one that is down or slow
/// delays no other. Each attempt retries quickly a few times (Polly, exponential backoff); if the receiver is still
/// down the delivery stays in SQLite with its error and is tried again later with a doubling delay, so an alert
/// raised during an outage arrives once the receiver is back, before the events of that alert that followed it.
/// </summary>
public sealed class WebhookDeliveryService(AlertStore store, WebhookDeliverySignal signal,
    IHttpClientFactory httpClients, IOptions<AlertOptions> options, WorkflowTelemetry telemetry, TimeProvider time,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string ClientName = "workflow-alerts";

    /// <summary>The receivers whose deliveries are being posted, each by its own lane.</summary>
    private readonly ConcurrentDictionary<string, Task> _lanes = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Starts delivering what is due now, one lane per receiver: each receiver's deliveries go in order, one at a
    /// time, and a receiver that is down or never answers holds up only its own lane, never another receiver's
    /// alerts. A receiver whose lane is still posting is left to it. Returns the lanes started.
    /// </summary>
    internal async Task<int> StartDueAsync(CancellationToken cancellationToken)
    {
        var busy = _lanes.Keys.ToList();
        var started = 0;
        foreach (var lane in (await store.DueAsync(time.GetUtcNow(), 100, busy, cancellationToken)).GroupBy(d => d.Url))
        {
            // Only this loop adds lanes, and the query left out the busy receivers, so the key is free; the lane
            // starts once it is in the map, which it leaves as it ends.
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _lanes[lane.Key] = RunLaneAsync(lane.Key, [.. lane], go.Task, cancellationToken);
            go.SetResult();
            started++;
        }

        return started;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartDueAsync(stoppingToken);
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

        await Task.WhenAll(_lanes.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Posts one receiver's due deliveries in order, up to its first failure: the rest wait for the next look, after
    /// the failed one, so they keep their order. When the lane ends, the loop looks again at once: a delivery may
    /// have let the next event of its alert go.
    /// </summary>
    private async Task RunLaneAsync(string url, List<PendingDelivery> deliveries, Task go,
        CancellationToken cancellationToken)
    {
        await go;
        try
        {
            foreach (var delivery in deliveries)
            {
                if (!await DeliverAsync(delivery, cancellationToken))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.DeliveryLoopFailed(logger, ex);
        }
        finally
        {
            _lanes.TryRemove(url, out _);
            signal.Wake();
        }
    }

    private async Task<bool> DeliverAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var error = await TryPostAsync(delivery, cancellationToken);
        var attempt = delivery.Attempts + 1;
        if (error is null)
        {
            await store.MarkDeliveredAsync(delivery, time.GetUtcNow());
            telemetry.AlertDeliveries.Add(1, new KeyValuePair<string, object?>("result", "delivered"));
            Log.AlertDelivered(logger, delivery.AlertId, delivery.Url, delivery.Event, attempt);
            return true;
        }

        var next = time.GetUtcNow() +
                   RedeliveryBackoff.After(attempt, options.Value.RedeliveryDelay, options.Value.MaxRedeliveryDelay);
        await store.MarkFailedAsync(delivery, error, next);
        telemetry.AlertDeliveries.Add(1, new KeyValuePair<string, object?>("result", "failed"));
        Log.AlertDeliveryFailed(logger, delivery.AlertId, delivery.Url, attempt, error, next);
        return false;
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
