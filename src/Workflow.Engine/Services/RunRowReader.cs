using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>Maps <c>runs</c> and <c>task_attempts</c> rows to the service records.</summary>
internal static class RunRowReader
{
    public const string RunColumns = "run_id, pipeline_id, pipeline_version, owner_group, status, trigger, logical_time, " +
                                     "created_at, started_at, finished_at, summary, parameters, rerun_of, parent_run_id, " +
                                     "suspended_at";

    public const string AttemptColumns = "run_id, task_key, attempt, status, queued_at, started_at, finished_at, " +
                                         "error_kind, error, output, log_bytes, task_id, priority, timeout_ms";

    public static RunRecord Run(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetInt32(2),
        r.GetString(3),
        StatusOf(r.GetString(4), suspended: !r.IsDBNull(14)),
        EnumNames<RunTrigger>.Parse(r.GetString(5)),
        UnixTime.FromMs(r.GetInt64(6)),
        UnixTime.FromMs(r.GetInt64(7)),
        r.IsDBNull(8) ? null : UnixTime.FromMs(r.GetInt64(8)),
        r.IsDBNull(9) ? null : UnixTime.FromMs(r.GetInt64(9)),
        r.IsDBNull(10) ? null : JsonSerializer.Deserialize(r.GetString(10), EngineJsonContext.Default.RunSummary),
        EngineJson.Parse(r.IsDBNull(11) ? null : r.GetString(11)),
        r.IsDBNull(12) ? null : r.GetString(12),
        r.IsDBNull(13) ? null : r.GetString(13));

    /// <summary>A suspended run's row keeps status <c>running</c> (it is active) with <c>suspended_at</c> set.</summary>
    private static RunStatus StatusOf(string status, bool suspended) =>
        EnumNames<RunStatus>.Parse(status) is var parsed && parsed == RunStatus.Running && suspended
            ? RunStatus.Suspended
            : parsed;

    /// <summary>The SQL condition for runs in <paramref name="status"/>, with the status name in <c>$s</c>.</summary>
    public static string StatusCondition(RunStatus status) => status switch
    {
        RunStatus.Suspended => "status = 'running' AND suspended_at IS NOT NULL",
        RunStatus.Running => "status = 'running' AND suspended_at IS NULL",
        _ => "status = $s",
    };

    public static TaskAttemptRecord Attempt(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetInt32(2),
        AttemptStatus(r.GetString(3)),
        UnixTime.FromMs(r.GetInt64(4)),
        r.IsDBNull(5) ? null : UnixTime.FromMs(r.GetInt64(5)),
        r.IsDBNull(6) ? null : UnixTime.FromMs(r.GetInt64(6)),
        r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8),
        EngineJson.Parse(r.IsDBNull(9) ? null : r.GetString(9)),
        r.GetInt64(10),
        r.GetInt32(12),
        r.IsDBNull(13) ? null : TimeSpan.FromMilliseconds(r.GetInt64(13)));

    public static Execution.TaskStatus AttemptStatus(string status) => status switch
    {
        "queued" => Execution.TaskStatus.Pending,
        _ => EnumNames<Execution.TaskStatus>.Parse(status),
    };
}
