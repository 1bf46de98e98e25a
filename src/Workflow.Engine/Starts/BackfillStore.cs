using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workflow.Engine.Storage;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Engine.Starts;

/// <summary>
/// Backfills and their runs, each run in one of the <see cref="BackfillRunStates"/>; progress joins the started and
/// existing ones to their runs' status.
/// </summary>
internal sealed class BackfillStore(StartsSql sql)
{
    public const string Waiting = BackfillRunStates.Waiting;
    public const string Started = BackfillRunStates.Started;
    public const string Existing = BackfillRunStates.Existing;
    public const string Skipped = BackfillRunStates.Skipped;

    public Task AddAsync(BackfillRow row, IReadOnlyList<(BackfillRun Run, bool Exists)> runs, CancellationToken ct)
    {
        var statements = new List<(string, object?[])>
        {
            ("INSERT INTO backfills (backfill_id, pipeline_id, schedule, range_from, range_to, max_active, overlap, " +
             "parameters, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);",
                [row.BackfillId, row.PipelineId, row.Schedule, UnixTime.ToMs(row.From), UnixTime.ToMs(row.To),
                    row.MaxActiveRuns, row.Overlap is { } o ? EnumNames<OverlapPolicy>.Name(o) : null,
                    EngineJson.Raw(row.Parameters), UnixTime.ToMs(row.CreatedAt), row.CreatedBy]),
        };
        statements.AddRange(runs.Select(r => ("INSERT INTO backfill_runs (backfill_id, run_id, logical_time, state) " +
                                              "VALUES ($1, $2, $3, $4);",
            new object?[] { row.BackfillId, r.Run.RunId, UnixTime.ToMs(r.Run.LogicalTime), r.Exists ? Existing : Waiting })));
        return sql.WriteAsync(ct, [.. statements]);
    }

    public async Task<BackfillRow?> FindAsync(string backfillId, CancellationToken ct) =>
        (await sql.QueryAsync(SelectRow + " WHERE backfill_id = $1;", ReadRow, ct, backfillId)).FirstOrDefault();

    /// <summary>The backfills that still have waiting runs, oldest first.</summary>
    public Task<List<BackfillRow>> UnfinishedAsync(CancellationToken ct) =>
        sql.QueryAsync(SelectRow + " WHERE backfill_id IN (SELECT backfill_id FROM backfill_runs WHERE state = 'waiting') " +
                       "ORDER BY created_at;", ReadRow, ct);

    /// <summary>Each run of a backfill with its state and, once started, its run's status.</summary>
    public Task<List<BackfillRunState>> RunsAsync(string backfillId, CancellationToken ct) =>
        sql.QueryAsync("SELECT b.run_id, b.logical_time, b.state, r.status FROM backfill_runs b " +
                       "LEFT JOIN runs r ON r.run_id = b.run_id WHERE b.backfill_id = $1 ORDER BY b.logical_time;",
            r => new BackfillRunState(r.GetString(0), UnixTime.FromMs(r.GetInt64(1)), r.GetString(2),
                StartsSql.Text(r, 3)), ct, backfillId);

    public Task SetStateAsync(string backfillId, string runId, string state, CancellationToken ct) =>
        sql.WriteAsync(ct, ("UPDATE backfill_runs SET state = $3 WHERE backfill_id = $1 AND run_id = $2;",
            [backfillId, runId, state]));

    public static BackfillProgress Progress(IReadOnlyList<BackfillRunState> runs) =>
        BackfillProgress.Of([.. runs.Select(r => (r.State,
            r.RunStatus is { } status ? EnumNames<Execution.RunStatus>.Parse(status) : (Execution.RunStatus?)null))]);

    private const string SelectRow = "SELECT backfill_id, pipeline_id, schedule, range_from, range_to, max_active, " +
                                     "overlap, parameters, created_at, created_by FROM backfills";

    private static BackfillRow ReadRow(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), UnixTime.FromMs(r.GetInt64(3)),
            UnixTime.FromMs(r.GetInt64(4)), r.GetInt32(5),
            StartsSql.Text(r, 6) is { } o ? EnumNames<OverlapPolicy>.Parse(o) : null,
            EngineJson.Parse(StartsSql.Text(r, 7)), UnixTime.FromMs(r.GetInt64(8)), r.GetString(9));
}

/// <summary>A stored backfill: what was asked, and the schedule's parameters its runs get.</summary>
internal sealed record BackfillRow(string BackfillId, string PipelineId, string Schedule, DateTimeOffset From,
    DateTimeOffset To, int MaxActiveRuns, OverlapPolicy? Overlap, JsonElement? Parameters, DateTimeOffset CreatedAt,
    string CreatedBy);

/// <summary>One run of a backfill; <see cref="RunStatus"/> is the stored status name once the run exists.</summary>
internal sealed record BackfillRunState(string RunId, DateTimeOffset LogicalTime, string State, string? RunStatus);
