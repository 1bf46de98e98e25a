namespace Workflow.Functions.Alerts;

/// <summary>
/// Sends webhook delivery messages. A message sent with a delay stays invisible until then, which is how a failed
/// delivery waits for its next attempt: the wait lives in the queue, so it survives a restart of the app.
/// </summary>
public sealed class WebhookQueue(AlertStorage storage)
{
    public async Task SendAsync(IEnumerable<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await SendAsync(message, TimeSpan.Zero, cancellationToken);
        }
    }

    public Task SendAsync(WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Queues count visibility in whole seconds; rounding up never makes a message visible early.
        TimeSpan? visibility = delay > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds)) : null;
        return storage.Queue.SendMessageAsync(message.ToJson(), visibility, cancellationToken: cancellationToken);
    }
}
