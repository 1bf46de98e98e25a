using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Functions.Alerts;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Activities;

/// <summary>
/// Run notifications and SLA alerts leave the orchestrations here: a structured log entry and a metric always
/// (Azure Monitor alert rules watch the metrics), and the alerts table with the webhooks through
/// <see cref="AlertPublisher"/>, which reads the run's instance through the Durable client for the version it pinned.
/// </summary>
public sealed class PublishActivities(OrchestrationMetrics metrics, AlertPublisher alerts,
    ILogger<PublishActivities> logger)
{
    [Function(OrchestrationNames.PublishNotificationActivity)]
    public Task<bool> PublishNotification([ActivityTrigger] NotificationInput input,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        NotifyAsync(input, client, cancellationToken);

    [Function(OrchestrationNames.PublishAlertActivity)]
    public Task<bool> PublishAlert([ActivityTrigger] AlertInput input, [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => PublishAsync(input, client, cancellationToken);

    /// <summary>The notification activity's work.</summary>
    /// <param name="input">The run's notification.</param>
    /// <param name="runs">Reads the run's instance; null leaves the pipeline's current version to decide.</param>
    /// <param name="cancellationToken">Cancels the publication.</param>
    public async Task<bool> NotifyAsync(NotificationInput input, DurableTaskClient? runs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await alerts.NotifyAsync(input, runs, cancellationToken);
        metrics.Record(input);
        Log.RunNotification(logger, input.RunId, input.PipelineId, input.Notification.Kind.ToString(),
            input.Notification.Message);
        return true;
    }

    /// <summary>The alert activity's work, also for the backlog check, whose alerts belong to no run.</summary>
    /// <param name="input">The alert raised, or the one cleared.</param>
    /// <param name="runs">Reads an alert's run; null when no alert has one.</param>
    /// <param name="cancellationToken">Cancels the publication.</param>
    public async Task<bool> PublishAsync(AlertInput input, DurableTaskClient? runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await alerts.PublishAsync(input, runs, cancellationToken);
        metrics.Record(input);
        if (input.Raised is { } alert)
        {
            Log.AlertRaised(logger, alert.Id, alert.Kind.ToString(), alert.PipelineId, alert.RunId, alert.Message);
        }
        else
        {
            Log.AlertCleared(logger, input.ClearedId ?? "", input.Reason ?? "");
        }

        return true;
    }
}
