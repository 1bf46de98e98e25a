using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Retention;

/// <summary>
/// Runs the registered <see cref="RetentionSweep"/>s: each deletes through the writer in chunks of at most
/// <see cref="Chunk"/> rows, and at most <see cref="EngineOptions.PurgeMaxRowsPerTable"/> rows a pass, so a
/// backlog of years is worked off over several passes without holding the writer for long.
/// </summary>
public sealed class RetentionSweeper(IEnumerable<RetentionSweep> sweeps, WriteLoop writer,
    IOptions<EngineOptions> options, ILogger<RetentionSweeper> logger)
{
    public const int Chunk = 500;

    /// <summary>Deletes what is due at <paramref name="now"/>; returns the rows deleted per table.</summary>
    public async Task<IReadOnlyDictionary<string, int>> SweepAsync(DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = UnixTime.ToMs(now - settings.DefaultRetention);
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sweep in sweeps)
        {
            var total = 0;
            while (total < settings.PurgeMaxRowsPerTable)
            {
                var limit = Math.Min(Chunk, settings.PurgeMaxRowsPerTable - total);
                var count = await writer.ExecuteAsync((connection, transaction) =>
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = sweep.DeleteSql;
                    command.Parameters.AddWithValue("$cutoff", cutoff);
                    command.Parameters.AddWithValue("$limit", limit);
                    command.Parameters.AddWithValue("$window", settings.DurationHistoryWindow);
                    return command.ExecuteNonQuery();
                }).WaitAsync(cancellationToken);
                total += count;
                if (count < limit)
                {
                    break;
                }
            }

            deleted[sweep.Table] = deleted.GetValueOrDefault(sweep.Table) + total;
            if (total > 0)
            {
                Log.Swept(logger, sweep.Table, total);
            }
        }

        return deleted;
    }
}
