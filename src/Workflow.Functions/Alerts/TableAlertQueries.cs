using Azure.Data.Tables;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Alerts;

/// <summary>
/// The read side of <see cref="TableAlertStore"/>: a member's list reads only their groups' partitions, filtered in the table by pipeline, kind and
/// status, then ordered newest first here (tables return key order). Reading one alert by id looks its row key up
/// across partitions, since an id does not name its group.
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

        return rows.OrderByDescending(r => r.RaisedAt).ThenBy(r => r.AlertId, StringComparer.Ordinal)
            .Take(Math.Clamp(query.Limit, 1, 1000)).Select(r => r.ToRecord()).ToList();
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
