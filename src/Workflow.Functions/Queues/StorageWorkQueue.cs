using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Workflow.Functions.Storage;
using Workflow.Queues;
using Workflow.Runtime.Handlers.Queue;

namespace Workflow.Functions.Queues;

/// <summary>
/// The Azure app's queues: one Storage queue per group's queue (<see cref="StorageQueueNames"/>), messages as JSON
/// text. Storage's own <c>DequeueCount</c> counts deliveries and its pop receipt proves the lease. A dead-lettered
/// message goes to <c>{queue}-deadletter</c> as <c>{"queue", "error", "dequeueCount", "deadLetteredAt", "body"}</c>.
/// Queues are created on first enqueue; one that does not exist yet reads as empty.
/// </summary>
public sealed class StorageWorkQueue : IWorkQueue
{
    /// <summary>The most messages one Storage receive call returns.</summary>
    private const int ReceiveBatch = 32;
    private const int MaxErrorLength = 2000;

    private readonly QueueServiceClient _service;
    private readonly TimeProvider _time;

    public StorageWorkQueue(IOptions<StorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _service = o.QueueServiceUri is { } uri
            ? new QueueServiceClient(uri, StorageCredential.For(o))
            : new QueueServiceClient(o.ConnectionString ?? "UseDevelopmentStorage=true");
        _time = time;
    }

    public async ValueTask EnqueueAsync(QueueAddress queue, IReadOnlyList<JsonElement> messages,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var client = Client(queue);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var message in messages)
        {
            await client.SendMessageAsync(message.GetRawText(), cancellationToken);
        }
    }

    public async ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueAddress queue, int max,
        TimeSpan visibility, CancellationToken cancellationToken)
    {
        var client = Client(queue);
        var received = new List<ReceivedMessage>();
        while (received.Count < max)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await client.ReceiveMessagesAsync(Math.Min(ReceiveBatch, max - received.Count), visibility,
                    cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                break;
            }

            received.AddRange(batch.Select(m => new ReceivedMessage(queue, m.MessageId, m.PopReceipt,
                Parse(m.Body.ToString()), m.DequeueCount, m.InsertedOn ?? _time.GetUtcNow())));
            if (batch.Length == 0)
            {
                break;
            }
        }

        return received;
    }

    public ValueTask CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        WhileLeasedAsync(() => Client(message.Queue).DeleteMessageAsync(message.Id, message.Receipt, cancellationToken));

    public ValueTask AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        WhileLeasedAsync(() => Client(message.Queue).UpdateMessageAsync(message.Id, message.Receipt,
            visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken));

    public async ValueTask DeadLetterAsync(ReceivedMessage message, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var deadLetter = Client(message.Queue.DeadLetter);
        await deadLetter.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var envelope = JsonSerializer.Serialize(new
        {
            queue = message.Queue.ToString(),
            error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error,
            dequeueCount = message.DequeueCount,
            deadLetteredAt = _time.GetUtcNow(),
            body = message.Body,
        });
        await deadLetter.SendMessageAsync(envelope, cancellationToken);
        await CompleteAsync(message, cancellationToken);
    }

    public async ValueTask<QueueStatus> GetStatusAsync(QueueAddress queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var depth = await DepthAsync(Client(queue), cancellationToken);
        TimeSpan? oldest = null;
        if (depth > 0)
        {
            var peeked = (await Client(queue).PeekMessagesAsync(1, cancellationToken)).Value;
            if (peeked is [{ InsertedOn: { } inserted }])
            {
                oldest = _time.GetUtcNow() - inserted;
            }
        }

        return new QueueStatus(queue, depth, oldest, await DepthAsync(Client(queue.DeadLetter), cancellationToken));
    }

    private QueueClient Client(QueueAddress queue) => _service.GetQueueClient(StorageQueueNames.For(queue));

    private static async Task<long> DepthAsync(QueueClient client, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    /// <summary>
    /// Runs a step that needs the lease. When the lease was lost (the visibility timeout passed and another drain
    /// holds the message, or it is gone), the step is skipped: the message belongs to that other delivery now.
    /// </summary>
    private static async ValueTask WhileLeasedAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == "PopReceiptMismatch")
        {
        }
    }

    /// <summary>A message some other producer wrote as plain text reaches the handler as a JSON string.</summary>
    private static JsonElement Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
