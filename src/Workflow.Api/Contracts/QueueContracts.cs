using Workflow.Queues;

namespace Workflow.Api.Contracts;

/// <summary>
/// A queue as <c>GET /api/queues/{group}/{queue}</c> answers it: messages waiting, the oldest one's age in seconds
/// (null when empty) and the poison messages in its dead-letter queue.
/// </summary>
public sealed record QueueSummary(string Group, string Queue, long Depth, double? OldestAgeSeconds,
    long DeadLetterDepth)
{
    public static QueueSummary From(QueueStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(status.Queue.OwnerGroup, status.Queue.Name, status.Depth, status.OldestAge?.TotalSeconds,
            status.DeadLetterDepth);
    }
}

/// <summary>What <c>POST /api/queues/{group}/{queue}/messages</c> answers: how many messages were added.</summary>
public sealed record EnqueueResult(string Group, string Queue, int Enqueued);
