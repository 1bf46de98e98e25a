using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Engine.Logs;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Json;
using Workflow.Model;
using Workflow.Runtime.Logs;

namespace Workflow.Engine.Retention;

/// <summary>
/// Deletes finished runs (rows, events, snapshots, attempts, logs and outputs) older than their pipeline's
/// <c>retention.runs</c>, and logs older than <c>retention.logs</c> (the rule is <see cref="RetentionCutoffs"/>);
/// <see cref="EngineOptions.DefaultRetention"/> applies when a pipeline sets none. Then the other growing tables are
/// trimmed (see <see cref="RetentionSweep"/>). Deletes go through the writer in small chunks so workers barely notice.
/// </summary>
public sealed class RetentionPurger(SqliteStore store, WriteLoop writer, LogStore logs, FileOutputStore outputs,
    IOptions<EngineOptions> options, TimeProvider time, ILogger<RetentionPurger> logger, RetentionSweeper sweeper)
{
    private const int Chunk = 200;

    /// <summary>Purges what is due now and returns the number of runs removed.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var (pipelineId, policy) in await PoliciesAsync(cancellationToken))
        {
            var cutoffs = RetentionCutoffs.For(policy, options.Value.DefaultRetention, now);
            var expired = await FinishedBeforeAsync(pipelineId, UnixTime.ToMs(cutoffs.Runs), cancellationToken);
            for (var i = 0; i < expired.Count; i += Chunk)
            {
                var chunk = expired.Skip(i).Take(Chunk).ToList();
                await writer.ExecuteAsync((connection, transaction) =>
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    var ids = string.Join(", ", chunk.Select((_, n) => "$r" + n));
                    command.CommandText = $"""
                        DELETE FROM task_attempts WHERE run_id IN ({ids});
                        DELETE FROM run_events WHERE run_id IN ({ids});
                        DELETE FROM run_snapshots WHERE run_id IN ({ids});
                        DELETE FROM final_snapshots_due WHERE run_id IN ({ids});
                        DELETE FROM timers WHERE run_id IN ({ids});
                        DELETE FROM runs WHERE run_id IN ({ids});
                        """;
                    for (var n = 0; n < chunk.Count; n++)
                    {
                        command.Parameters.AddWithValue("$r" + n, chunk[n]);
                    }

                    return command.ExecuteNonQuery();
                }).WaitAsync(cancellationToken);
                foreach (var runId in chunk)
                {
                    DeleteFolder(logs.RunFolder(runId));
                    DeleteFolder(outputs.RunFolder(runId));
                }

                removed += chunk.Count;
            }

            if (cutoffs.Logs > cutoffs.Runs)
            {
                foreach (var runId in await FinishedBeforeAsync(pipelineId, UnixTime.ToMs(cutoffs.Logs), cancellationToken))
                {
                    DeleteFolder(logs.RunFolder(runId));
                }
            }
        }

        if (removed > 0)
        {
            Log.Purged(logger, removed);
        }

        // After the runs, so that alerts about purged runs go in the same pass.
        await sweeper.SweepAsync(now, cancellationToken);

        return removed;
    }

    private async Task<List<(string PipelineId, RetentionPolicy? Policy)>> PoliciesAsync(CancellationToken cancellationToken)
    {
        var policies = new List<(string, RetentionPolicy?)>();
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT r.pipeline_id, p.definition FROM runs r
            LEFT JOIN pipeline_heads h ON h.pipeline_id = r.pipeline_id
            LEFT JOIN pipelines p ON p.pipeline_id = h.pipeline_id AND p.version = h.current_version
            WHERE r.finished_at IS NOT NULL;
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            policies.Add((reader.GetString(0), reader.IsDBNull(1) ? null : PipelineJson.Parse(reader.GetString(1)).Retention));
        }

        return policies;
    }

    private async Task<List<string>> FinishedBeforeAsync(string pipelineId, long cutoffMs, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id FROM runs WHERE pipeline_id = $p AND finished_at IS NOT NULL AND finished_at < $c;";
        command.Parameters.AddWithValue("$p", pipelineId);
        command.Parameters.AddWithValue("$c", cutoffMs);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
