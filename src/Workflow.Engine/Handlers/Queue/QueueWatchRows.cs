using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Model;
using Workflow.Sla.Backlog;

namespace Workflow.Engine.Handlers.Queue;

/// <summary>
/// The embedded host's index of the pipelines a backlog poll watches, the <c>queue_watches</c> table: saving a
/// version writes its row (one when <see cref="WatchedQueues.Drains"/>, none otherwise) in the save's transaction,
/// and deleting a pipeline drops it by trigger, so a poll reads only the pipelines that drain queues. A row names
/// the version it was written for; a poll joins it to the current head, so a row can never stand for a newer version.
/// </summary>
internal static class QueueWatchRows
{
    /// <summary>
    /// Creates the index and fills it from the stores saved before it: every live head with a queue-drain task (a
    /// superset of what drains, which the poll checks again; the next save of each writes its exact row).
    /// </summary>
    public static Migration Migration { get; } = new(6, "queue-watch-index", """
        CREATE TABLE queue_watches (
            pipeline_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TRIGGER queue_watches_deleted AFTER UPDATE OF deleted ON pipeline_heads WHEN NEW.deleted = 1
        BEGIN
            DELETE FROM queue_watches WHERE pipeline_id = NEW.pipeline_id;
        END;
        INSERT INTO queue_watches (pipeline_id, version)
        SELECT h.pipeline_id, h.current_version FROM pipeline_heads h
        JOIN pipelines p ON p.pipeline_id = h.pipeline_id AND p.version = h.current_version
        WHERE h.deleted = 0 AND EXISTS (SELECT 1 FROM json_each(p.definition, '$.tasks') t
                                        WHERE json_extract(t.value, '$.kind') = 'queue-drain');
        """);

    /// <summary>The current stored versions the index names, with the columns <paramref name="columns"/> of
    /// <c>pipelines p</c>.</summary>
    public static string Select(string columns) => $"""
        SELECT {columns} FROM queue_watches w
        JOIN pipeline_heads h ON h.pipeline_id = w.pipeline_id AND h.current_version = w.version AND h.deleted = 0
        JOIN pipelines p ON p.pipeline_id = w.pipeline_id AND p.version = w.version;
        """;

    /// <summary>
    /// Writes the row of a version being saved, inside the transaction that saves it, through the writer's prepared
    /// statements (a save is on the path of every pipeline creation).
    /// </summary>
    public static void Save(WriteContext context, PipelineDefinition definition)
    {
        var command = context.KeptCommand(WatchedQueues.Drains(definition)
            ? """
              INSERT INTO queue_watches (pipeline_id, version) VALUES ($p, $v)
              ON CONFLICT (pipeline_id) DO UPDATE SET version = $v;
              """
            : "DELETE FROM queue_watches WHERE pipeline_id = $p;");
        command.Parameters.AddWithValue("$p", definition.Id);
        command.Parameters.AddWithValue("$v", definition.Version);
        command.ExecuteNonQuery();
    }
}
