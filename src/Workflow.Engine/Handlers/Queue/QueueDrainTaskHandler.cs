using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Handlers.Code;
using Workflow.Model;

namespace Workflow.Engine.Handlers.Queue;

/// <summary>
/// The <c>queue-drain</c> kind: <c>{"queue": "q", "maxMessages": 100, "handler": "name"}</c> pulls up to
/// <c>maxMessages</c> from the local queue and runs the named code handler on each, removing a message once it is
/// processed (at least once per message). The output is <c>{"processed": n}</c>.
/// </summary>
internal sealed class QueueDrainTaskHandler(IServiceProvider services, LocalQueue queue) : ITaskHandler
{
    public string Kind => "queue-drain";

    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        if (context.Config is not { ValueKind: JsonValueKind.Object } config ||
            !config.TryGetProperty("queue", out var q) || q.GetString() is not { Length: > 0 } name)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput,
                $"Task '{context.TaskId}': config.queue is missing. Name the queue to drain, for example {{\"queue\": \"orders\"}}.");
        }

        var max = config.TryGetProperty("maxMessages", out var m) && m.TryGetInt32(out var n) ? Math.Max(1, n) : 100;
        var handlerName = config.TryGetProperty("handler", out var h) ? h.GetString() ?? name : name;
        var handler = services.GetKeyedService<ICodeHandler>(handlerName);
        if (handler is null)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput,
                $"Task '{context.TaskId}': no code handler is registered under '{handlerName}' to process queue '{name}'. Register one with services.AddCodeHandler(\"{handlerName}\", ...).");
        }

        var messages = await queue.PeekAsync(name, max, cancellationToken);
        var done = new List<long>(messages.Count);
        try
        {
            foreach (var message in messages)
            {
                await handler.RunAsync(context, message.Body, cancellationToken);
                done.Add(message.Id);
                context.Heartbeat();
            }
        }
        finally
        {
            await queue.DeleteAsync(done, CancellationToken.None);
        }

        context.Log.WriteLine($"processed {done.Count} messages from queue '{name}'");
        return TaskOutcome.Success(JsonSerializer.SerializeToElement(new Dictionary<string, int> { ["processed"] = done.Count }));
    }
}
