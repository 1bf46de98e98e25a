using System.Text.Json;
using Workflow.Json;

namespace Workflow.Runtime.Handlers.Queue;

/// <summary>
/// A <c>queue-drain</c> task's config: <c>{"queue": "orders", "maxMessages": 100, "handler": "name",
/// "maxDeliveries": 5, "visibilityTimeout": "5m"}</c>. Only <c>queue</c> is required; <c>handler</c> defaults to the
/// queue's name. <c>maxDepth</c> and <c>maxOldestAge</c> belong to the backlog alert and are read there.
/// </summary>
internal sealed record QueueDrainConfig(string Queue, int MaxMessages, string Handler, int MaxDeliveries,
    TimeSpan VisibilityTimeout)
{
    public const int DefaultMaxMessages = 100;
    public const int DefaultMaxDeliveries = 5;
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The config, or null and a message that names the field and the fix.</summary>
    public static QueueDrainConfig? Parse(string taskId, JsonElement? config, out string? error)
    {
        error = null;
        if (config is not { ValueKind: JsonValueKind.Object } c ||
            !c.TryGetProperty("queue", out var q) || q.ValueKind != JsonValueKind.String || q.GetString() is not { Length: > 0 } queue)
        {
            error = $"Task '{taskId}': config.queue is missing. Name the queue to drain, for example {{\"queue\": \"orders\"}}.";
            return null;
        }

        var max = c.TryGetProperty("maxMessages", out var m) && m.TryGetInt32(out var n) ? Math.Max(1, n) : DefaultMaxMessages;
        var handler = c.TryGetProperty("handler", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()! : queue;
        var deliveries = DefaultMaxDeliveries;
        if (c.TryGetProperty("maxDeliveries", out var d) && (!d.TryGetInt32(out deliveries) || deliveries < 1))
        {
            error = $"Task '{taskId}': config.maxDeliveries is {d.GetRawText()}; it must be a whole number of at least 1 " +
                    $"(the default is {DefaultMaxDeliveries}).";
            return null;
        }

        var visibility = DefaultVisibilityTimeout;
        if (c.TryGetProperty("visibilityTimeout", out var v) &&
            (v.ValueKind != JsonValueKind.String || !Duration.TryParse(v.GetString()!, out visibility) ||
             visibility <= TimeSpan.Zero || visibility > TimeSpan.FromDays(7)))
        {
            error = $"Task '{taskId}': config.visibilityTimeout is {v.GetRawText()}; it must be a duration between 1s and " +
                    "7d, for example \"10m\" (the default is 5m).";
            return null;
        }

        return new QueueDrainConfig(queue, max, handler, deliveries, visibility);
    }
}
