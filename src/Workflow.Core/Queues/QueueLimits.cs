namespace Workflow.Queues;

/// <summary>
/// Limits both hosts apply to enqueued messages, so that a producer written against one host works on the other:
/// an Azure Storage message holds at most 64 KiB, and the dead-letter envelope needs room beside the body.
/// </summary>
public static class QueueLimits
{
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>The most messages one enqueue request may carry.</summary>
    public const int MaxBatch = 100;
}
