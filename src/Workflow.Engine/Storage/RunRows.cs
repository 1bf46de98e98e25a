using Workflow.Engine.Runtime;
using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Engine.Storage;

/// <summary>The <c>runs</c> row as the writer thread creates, finishes and looks it up.</summary>
internal static class RunRows
{
    public static bool Exists(WriteContext context, string runId)
    {
        using var command = context.ReadConnection.CreateCommand();
        command.CommandText = "SELECT 1 FROM runs WHERE run_id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        return command.ExecuteScalar() is not null;
    }

    public static void Insert(HotStatements sql, RunCreation creation, DateTimeOffset now) =>
        sql.Write("""
            INSERT INTO runs (run_id, pipeline_id, pipeline_version, owner_group, status, trigger, logical_time,
                created_at, created_by, started_at, parameters, rerun_of, parent_run_id, parent_task_key, parent_attempt)
            VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8, $7, $9, $10, $11, $12, $13);
            """, creation.RunId, creation.Definition.Id, creation.Definition.Version, creation.Definition.OwnerGroup,
            EnumNames<RunTrigger>.Name(creation.Trigger), UnixTime.ToMs(creation.LogicalTime), UnixTime.ToMs(now),
            creation.Actor, EngineJson.Raw(creation.Parameters), creation.RerunOf, creation.ParentRunId,
            creation.ParentTaskKey, creation.ParentAttempt);

    public static void Finish(HotStatements sql, string runId, CompleteRun complete, DateTimeOffset now, long lastSeq) =>
        sql.Write("UPDATE runs SET status = $1, finished_at = $2, summary = $3, last_seq = $4 WHERE run_id = $5;",
            EnumNames<RunStatus>.Name(complete.Status), UnixTime.ToMs(now),
            System.Text.Json.JsonSerializer.Serialize(complete.Summary, EngineJsonContext.Default.RunSummary), lastSeq,
            runId);
}
