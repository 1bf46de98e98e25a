using Microsoft.Azure.Functions.Worker;

namespace Workflow.Functions.Alerts;

/// <summary>
/// The queue trigger of webhook delivery, on the host's storage connection (<c>AzureWebJobsStorage</c>). The
/// handler sends any later attempt as a new, delayed message, so this invocation always completes; an exception
/// (storage unreachable) leaves the message to the trigger's own retries and poison queue.
/// </summary>
public sealed class WebhookDeliveryFunction(WebhookDeliveryHandler handler)
{
    [Function("DeliverAlertWebhook")]
    public Task RunAsync([QueueTrigger(AlertStorage.WebhookQueueName)] string message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(WebhookMessage.FromJson(message), cancellationToken);
}
