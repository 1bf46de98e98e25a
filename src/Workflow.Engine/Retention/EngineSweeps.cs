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
    /// a monthly task keeps its history however long the retention. A run's end already trims its own tasks
    /// (<c>HotStatements.RecordDurations</c>); this finds what older builds left. It counts each task's rows in one
    /// pass over the history's index, where ranking every row sorted the whole table for each chunk: on a file of
    /// two million durations and nothing to trim, 4.4 s with the writer held against 0.26 s.
    /// </summary>
    public static RetentionSweep TaskDurations { get; } = new("task_durations", """
        DELETE FROM task_durations WHERE rowid IN (
            SELECT old.rowid
            FROM (SELECT pipeline_id, task_id FROM task_durations GROUP BY pipeline_id, task_id
                  HAVING count(*) > $window) crowded
            JOIN task_durations old ON old.rowid IN (
                SELECT rowid FROM task_durations WHERE pipeline_id = crowded.pipeline_id AND task_id = crowded.task_id
                ORDER BY finished_at DESC LIMIT -1 OFFSET $window)
            LIMIT $limit);
        """);

    /// <summary>
    /// A deleted pipeline's durations go with the delete; these are the ones a run still going at the delete recorded
    /// when it ended. A pipeline that an <c>IPipelineSource</c> gives has no head, so its rows stay.
    /// </summary>
    public static RetentionSweep DeletedPipelineDurations { get; } = new("task_durations", """
        DELETE FROM task_durations WHERE rowid IN (
            SELECT d.rowid FROM pipeline_heads h JOIN task_durations d ON d.pipeline_id = h.pipeline_id
            WHERE h.deleted = 1 LIMIT $limit);
        """);
}
