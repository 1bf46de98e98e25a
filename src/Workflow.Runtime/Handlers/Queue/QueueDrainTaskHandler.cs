using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Model;
using Workflow.Queues;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Code;

namespace Workflow.Runtime.Handlers.Queue;

/// <summary>
/// The <c>queue-drain</c> kind, the same in both hosts (see <see cref="QueueDrainConfig"/>). It leases up to
/// <c>maxMessages</c> of the owner group's queue and runs the named code handler on each:
/// <list type="bullet">
/// <item>a message processed without error is completed (removed);</item>
/// <item>a message whose handler throws is left for a later delivery, unless it has now been delivered
/// <c>maxDeliveries</c> times: then it moves to <c>{queue}-deadletter</c> with the error;</item>
/// <item>either way the drain goes on with the next message, so a poison message never blocks the queue.</item>
/// </list>
/// The output is <c>{"processed": n, "deadLettered": m, "failed": k}</c>. After the drain it records the queue's
/// depth and oldest age on <see cref="IQueueBacklogMetrics"/> when the host has one (the Azure app).
/// </summary>
internal sealed class QueueDrainTaskHandler(IServiceProvider services, IWorkQueue queue, IPipelineOwners owners)
    : ITaskHandler
{
    public string Kind => "queue-drain";

    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        if (QueueDrainConfig.Parse(context.TaskId, context.Config, out var invalid) is not { } config)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput, invalid!);
        }

        if (services.GetKeyedService<ICodeHandler>(config.Handler) is not { } handler)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput,
                $"Task '{context.TaskId}': no code handler is registered under '{config.Handler}' to process queue " +
                $"'{config.Queue}'. Register one with services.AddCodeHandler(\"{config.Handler}\", ...).");
        }

        var owner = await owners.OwnerGroupAsync(context.PipelineId, cancellationToken);
        if (QueueAddress.Check(owner, config.Queue) is { } bad)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput, $"Task '{context.TaskId}': config.queue: {bad}");
        }

        var address = QueueAddress.Create(owner!, config.Queue);
        var messages = await queue.ReceiveAsync(address, config.MaxMessages, config.VisibilityTimeout, cancellationToken);
        var (processed, deadLettered, failed) = (0, 0, 0);
        var next = 0;
        try
        {
            for (; next < messages.Count; next++)
            {
                var message = messages[next];
                if (await TryProcessAsync(context, handler, message, cancellationToken) is not { } error)
                {
                    await queue.CompleteAsync(message, CancellationToken.None);
                    processed++;
                }
                else if (message.DequeueCount >= config.MaxDeliveries)
                {
                    await queue.DeadLetterAsync(message, error, CancellationToken.None);
                    context.Log.WriteLine($"message {message.Id} moved to '{address.DeadLetter}' after " +
                                          $"{message.DequeueCount} deliveries: {error}");
                    deadLettered++;
                }
                else
                {
                    await queue.AbandonAsync(message, CancellationToken.None);
                    context.Log.WriteLine($"message {message.Id} failed on delivery {message.DequeueCount} of " +
                                          $"{config.MaxDeliveries}; left for a later drain: {error}");
                    failed++;
                }

                context.Heartbeat();
            }
        }
        finally
        {
            // Stopped part-way (cancelled): hand the unfinished messages back now rather than when their lease ends.
            for (var i = next; i < messages.Count; i++)
            {
                await queue.AbandonAsync(messages[i], CancellationToken.None);
            }
        }

        var status = await queue.GetStatusAsync(address, cancellationToken);
        services.GetService<IQueueBacklogMetrics>()?.RecordQueueBacklog(status);
        context.Log.WriteLine($"queue '{address}': processed {processed}, dead-lettered {deadLettered}, failed " +
                              $"{failed}; {status.Depth} waiting, {status.DeadLetterDepth} dead-lettered");
        return TaskOutcome.Success(JsonSerializer.SerializeToElement(new Dictionary<string, int>
        {
            ["processed"] = processed,
            ["deadLettered"] = deadLettered,
            ["failed"] = failed,
        }));
    }

    /// <summary>Runs the handler on one message: null when it succeeded, else the error to keep with the message.</summary>
    private static async Task<string?> TryProcessAsync(TaskContext context, ICodeHandler handler,
        ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await handler.RunAsync(context, message.Body, cancellationToken);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
