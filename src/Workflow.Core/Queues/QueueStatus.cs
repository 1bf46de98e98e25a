namespace Workflow.Queues;

/// <summary>
/// How far behind a queue is: messages waiting (visible or leased), the age of the oldest one (null when empty) and
/// how many poison messages sit in its dead-letter queue. Azure Storage reports depth approximately.
/// </summary>
public sealed record QueueStatus(QueueAddress Queue, long Depth, TimeSpan? OldestAge, long DeadLetterDepth);
