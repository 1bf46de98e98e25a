using Azure.Data.Tables;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Alerts;

/// <summary>
/// The read side of <see cref="TableAlertStore"/>: a member's list reads only their groups' partitions, filtered in
/// the table by pipeline, kind, run (a row key range) and status, then ordered newest first here (tables return key
/// order). Reading one alert by id looks its row key up across partitions, since an id does not name its group.
/// </summary>
internal sealed class TableAlertQueries(TableClient table)
{
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string>();
        switch (query.Status)
        {
            case AlertListStatus.Open: filters.Add("Acked eq false and Cleared eq false"); break;
            case AlertListStatus.Acked: filters.Add("Acked eq true"); break;
            case AlertListStatus.Cleared: filters.Add("Cleared eq true"); break;
            case AlertListStatus.Active: filters.Add("Cleared eq false"); break;
        }

        if (query.PipelineId is { } pipeline)
        {
            filters.Add(TableClient.CreateQueryFilter($"PipelineId eq {pipeline}"));
        }

        if (query.Kind is { } kind)
        {
            filters.Add(TableClient.CreateQueryFilter($"Kind eq {AlertIds.Name(kind)}"));
        }

        if (query.RunId is { } run)
        {
            filters.Add(RunRange(run));
        }

        IEnumerable<string?> partitions = query.OwnerGroups is { } groups
            ? groups.Distinct(StringComparer.Ordinal).Select(g => (string?)TableClient.CreateQueryFilter(
                $"PartitionKey eq {AlertRow.Key(g)}"))
            : [(string?)null];
        var rows = new List<AlertRow>();
        foreach (var partition in partitions)
        {
            var filter = string.Join(" and ", filters.Prepend(partition).OfType<string>().Select(f => $"({f})"));
            await foreach (var row in table.QueryAsync<AlertRow>(filter.Length == 0 ? null : filter,
                               cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
        }

        var matching = query.RunId is { } runId ? rows.Where(r => r.Alert().RunId == runId) : rows;
        return matching.OrderByDescending(r => r.RaisedAt).ThenBy(r => r.AlertId, StringComparer.Ordinal)
            .Take(Math.Clamp(query.Limit, 1, 1000)).Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// The row keys of a run's alerts: their ids start with <c>{runId}/</c> (<see cref="AlertIds.ForRun"/>), so they
    /// are one key range, rows written before any run column included. The range also holds the run's child runs
    /// (<c>{runId}/{task}#{attempt}</c>), which the list then leaves out by the alert's own run id.
    /// </summary>
    private static string RunRange(string runId)
    {
        var from = AlertRow.Key(runId + "/"); // ends in "%2F"
        var to = from[..^1] + (char)(from[^1] + 1);
        return TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}");
    }

    /// <inheritdoc cref="TableAlertStore.FindAsync"/>
    public async Task<AlertRow?> FindAsync(string alertId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {AlertRow.Key(alertId)}");
        await foreach (var row in table.QueryAsync<AlertRow>(filter, 1, cancellationToken: cancellationToken))
        {
            return row;
        }

        return null;
    }
}
