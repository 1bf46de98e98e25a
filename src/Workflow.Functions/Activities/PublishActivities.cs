using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Functions.Alerts;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Activities;

/// <summary>
/// Run notifications and SLA alerts leave the orchestrations here: a structured log entry and a metric always
/// (Azure Monitor alert rules watch the metrics), and the alerts table with the webhooks through
/// <see cref="AlertPublisher"/>.
/// </summary>
public sealed class PublishActivities(OrchestrationMetrics metrics, AlertPublisher alerts,
    ILogger<PublishActivities> logger)
{
    [Function(OrchestrationNames.PublishNotificationActivity)]
    public async Task<bool> PublishNotification([ActivityTrigger] NotificationInput input,
        CancellationToken cancellationToken)
    {
        await alerts.NotifyAsync(input, cancellationToken);
        metrics.Record(input);
        Log.RunNotification(logger, input.RunId, input.PipelineId, input.Notification.Kind.ToString(),
            input.Notification.Message);
        return true;
    }

    [Function(OrchestrationNames.PublishAlertActivity)]
    public async Task<bool> PublishAlert([ActivityTrigger] AlertInput input, CancellationToken cancellationToken)
    {
        await alerts.PublishAsync(input, cancellationToken);
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
