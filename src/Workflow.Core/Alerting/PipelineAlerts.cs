using Workflow.Services;

namespace Workflow.Alerting;

/// <summary>Clears the alerts of one pipeline page by page, as both hosts do when it is deleted.</summary>
public static class PipelineAlerts
{
    /// <summary>
    /// Lists the pipeline's active (uncleared) alerts and clears them with <paramref name="clear"/> until none is
    /// left; a page in which nothing could be cleared ends it, so a clear that keeps failing cannot loop forever.
    /// </summary>
    public static async Task<int> ClearAllAsync(IAlertService alerts, string pipelineId,
        Func<string, Task<bool>> clear, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(clear);
        var total = 0;
        while (true)
        {
            var page = await alerts.ListAlertsAsync(new AlertQuery(AlertListStatus.Active, pipelineId), cancellationToken);
            var cleared = 0;
            foreach (var record in page)
            {
                cleared += await clear(record.Alert.Id) ? 1 : 0;
            }

            total += cleared;
            if (page.Count == 0 || cleared == 0)
            {
                return total;
            }
        }
    }
}
