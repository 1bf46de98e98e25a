using System.Text.Json;
using Workflow.Engine.Storage;
using Workflow.Services;

namespace Workflow.Engine.Starts;

/// <summary>
/// Manual and API runs held back by the <c>queue</c> overlap policy, oldest first per pipeline, and the active runs
/// of a pipeline that the policy looks at (queued starts count as active: a later trigger waits behind them).
/// </summary>
internal sealed class QueuedStartStore(StartsSql sql)
{
    public Task AddAsync(QueuedStart start, CancellationToken ct) =>
        sql.WriteAsync(ct, ("INSERT OR IGNORE INTO queued_starts (run_id, pipeline_id, trigger, actor, parameters, " +
                            "created_at) VALUES ($1, $2, $3, $4, $5, $6);",
            [start.RunId, start.PipelineId, EnumNames<RunTrigger>.Name(start.Trigger), start.Actor,
                EngineJson.Raw(start.Parameters), UnixTime.ToMs(start.CreatedAt)]));

    public Task RemoveAsync(string runId, CancellationToken ct) =>
        sql.WriteAsync(ct, ("DELETE FROM queued_starts WHERE run_id = $1;", [runId]));

    public Task RemoveForPipelineAsync(string pipelineId, CancellationToken ct) =>
        sql.WriteAsync(ct, ("DELETE FROM queued_starts WHERE pipeline_id = $1;", [pipelineId]));

    /// <summary>The oldest queued start of each pipeline.</summary>
    public Task<List<QueuedStart>> HeadsAsync(CancellationToken ct) =>
        sql.QueryAsync(Select + " WHERE q.created_at = (SELECT MIN(created_at) FROM queued_starts " +
                       "WHERE pipeline_id = q.pipeline_id) ORDER BY q.created_at;", Read, ct);

    public async Task<QueuedStart?> FindAsync(string runId, CancellationToken ct) =>
        (await sql.QueryAsync(Select + " WHERE q.run_id = $1;", Read, ct, runId)).FirstOrDefault();

    /// <summary>The runs of the pipeline that are queued or running.</summary>
    public Task<List<string>> RunningAsync(string pipelineId, CancellationToken ct) =>
        sql.QueryAsync("SELECT run_id FROM runs WHERE status IN ('queued', 'running') AND pipeline_id = $1;",
            r => r.GetString(0), ct, pipelineId);

    /// <summary>The runs of the pipeline that are queued or running, and its queued starts.</summary>
    public Task<List<string>> ActiveAsync(string pipelineId, CancellationToken ct) =>
        sql.QueryAsync("SELECT run_id FROM runs WHERE status IN ('queued', 'running') AND pipeline_id = $1 " +
                       "UNION SELECT run_id FROM queued_starts WHERE pipeline_id = $1;", r => r.GetString(0), ct,
            pipelineId);

    private const string Select =
        "SELECT q.run_id, q.pipeline_id, q.trigger, q.actor, q.parameters, q.created_at FROM queued_starts q";

    private static QueuedStart Read(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), EnumNames<RunTrigger>.Parse(r.GetString(2)), r.GetString(3),
            EngineJson.Parse(StartsSql.Text(r, 4)), UnixTime.FromMs(r.GetInt64(5)));
}

/// <summary>A run the queue policy holds until the pipeline's earlier runs have ended.</summary>
internal sealed record QueuedStart(string RunId, string PipelineId, RunTrigger Trigger, string Actor,
    JsonElement? Parameters, DateTimeOffset CreatedAt);
