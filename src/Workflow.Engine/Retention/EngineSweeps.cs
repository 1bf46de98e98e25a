namespace Workflow.Engine.Retention;

/// <summary>The engine's own growing tables besides the runs: the local queues and the duration history.</summary>
internal static class EngineSweeps
{
    /// <summary>Messages nobody drained within the retention expire.</summary>
    public static RetentionSweep QueueMessages { get; } = new("queue_messages", """
        DELETE FROM queue_messages WHERE id IN (
            SELECT id FROM queue_messages WHERE enqueued_at < $cutoff ORDER BY id LIMIT $limit);
        """);

    /// <summary>
    /// Only each task's most recent durations feed its expected duration, so older ones go whatever their age:
    /// a monthly task keeps its history however long the retention.
    /// </summary>
    public static RetentionSweep TaskDurations { get; } = new("task_durations", """
        DELETE FROM task_durations WHERE rowid IN (
            SELECT rowid FROM (
                SELECT rowid, row_number() OVER (
                    PARTITION BY pipeline_id, task_id ORDER BY finished_at DESC, rowid DESC) AS n
                FROM task_durations)
            WHERE n > $window LIMIT $limit);
        """);
}
