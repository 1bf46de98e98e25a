using System.Diagnostics.Metrics;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Queues;
using Workflow.Runtime.Handlers.Queue;

namespace Workflow.Functions.Hosting;

/// <summary>
/// The metrics the Durable shell emits on the <c>Workflow</c> meter. The Azure Monitor exporter sends them to
/// Application Insights, where the alert rules in <c>infra/app/alerts.bicep</c> query them by these names, so a
/// rename here must be made there too (a test checks the two agree).
/// </summary>
public sealed class OrchestrationMetrics : IQueueBacklogMetrics, IDisposable
{
    public const string MeterName = "Workflow";
    public const string RunsCompleted = "workflow.runs.completed";
    public const string RunsFailed = "workflow.runs.failed";
    public const string TasksRetrying = "workflow.tasks.retrying";
    public const string SlaAlerts = "workflow.sla.alerts";
    public const string QueueBacklog = "workflow.queue.backlog";
    public const string QueueOldestAge = "workflow.queue.oldest_age";

    private readonly Meter meter;
    private readonly Counter<long> runsCompleted;
    private readonly Counter<long> runsFailed;
    private readonly Counter<long> tasksRetrying;
    private readonly Counter<long> slaAlerts;
    private readonly Histogram<long> queueBacklog;
    private readonly Histogram<double> queueOldestAge;

    public OrchestrationMetrics(IMeterFactory? factory = null)
    {
        meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        runsCompleted = meter.CreateCounter<long>(RunsCompleted, "{run}", "Runs that reached a final status.");
        runsFailed = meter.CreateCounter<long>(RunsFailed, "{run}", "Runs that ended failed.");
        tasksRetrying = meter.CreateCounter<long>(TasksRetrying, "{attempt}", "Failed attempts that will be retried.");
        slaAlerts = meter.CreateCounter<long>(SlaAlerts, "{alert}", "SLA and deadline alerts raised.");
        queueBacklog = meter.CreateHistogram<long>(QueueBacklog, "{message}", "Sampled depth of drained queues.");
        queueOldestAge = meter.CreateHistogram<double>(QueueOldestAge, "s",
            "Sampled age of the oldest message of drained queues.");
    }

    /// <summary>Counts what a run notification says about the run (tagged by pipeline, never by run id).</summary>
    public void Record(NotificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = new KeyValuePair<string, object?>("pipeline", input.PipelineId);
        switch (input.Notification.Kind)
        {
            case NotificationKind.RunFailed:
                runsFailed.Add(1, pipeline);
                runsCompleted.Add(1, pipeline, new("status", "failed"));
                break;
            case NotificationKind.RunSucceeded:
                runsCompleted.Add(1, pipeline, new("status", "succeeded"));
                break;
            case NotificationKind.RunCancelled:
                runsCompleted.Add(1, pipeline, new("status", "cancelled"));
                break;
            case NotificationKind.TaskRetrying:
                tasksRetrying.Add(1, pipeline);
                break;
        }
    }

    /// <summary>Counts a raised alert by kind; a cleared one is not counted.</summary>
    public void Record(AlertInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Raised is { } alert)
        {
            slaAlerts.Add(1, new("pipeline", alert.PipelineId), new("kind", alert.Kind.ToString()));
        }
    }

    /// <summary>The meter itself, so a listener can tell this instance's measurements from others'.</summary>
    internal Meter Meter => meter;

    /// <summary>
    /// Records a drained queue's depth and, when it holds messages, its oldest message's age, tagged by
    /// <c>{group}/{queue}</c>; the queue-drain task calls this after each drain.
    /// </summary>
    public void RecordQueueBacklog(QueueStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var queue = new KeyValuePair<string, object?>("queue", status.Queue.ToString());
        queueBacklog.Record(status.Depth, queue);
        if (status.OldestAge is { } age)
        {
            queueOldestAge.Record(age.TotalSeconds, queue);
        }
    }

    public void Dispose() => meter.Dispose();
}
