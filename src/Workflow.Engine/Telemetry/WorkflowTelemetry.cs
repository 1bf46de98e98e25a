using System.Diagnostics;
using System.Diagnostics.Metrics;
using Workflow.Sla;

namespace Workflow.Engine.Telemetry;

/// <summary>
/// The <c>Workflow</c> meter and activity source, and every instrument the product records. One class owns the
/// names so docs/observability.md, the Azure alert rules and the code cannot drift apart. The meter comes from
/// <see cref="IMeterFactory"/>, so tests can listen to one instance without seeing another's measurements.
/// </summary>
public sealed class WorkflowTelemetry : IDisposable
{
    public const string Name = "Workflow";

    /// <summary>Spans for runs and task attempts; exported by OTLP when an endpoint is configured.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public WorkflowTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        RunsStarted = _meter.CreateCounter<long>("workflow.runs.started", "{run}", "Runs that started.");
        RunsCompleted = _meter.CreateCounter<long>("workflow.runs.completed", "{run}",
            "Runs that reached a final status, tagged with it.");
        RunsFailed = _meter.CreateCounter<long>("workflow.runs.failed", "{run}", "Runs that failed.");
        TaskDuration = _meter.CreateHistogram<double>("workflow.task.duration", "s",
            "How long task attempts ran, tagged with their outcome.");
        QueueWait = _meter.CreateHistogram<double>("workflow.task.queue_wait", "s",
            "How long a task attempt waited for a worker after it was ready.");
        ScheduleLag = _meter.CreateHistogram<double>("workflow.schedule.lag", "s",
            "How late a run started after its logical (scheduled) time.");
        SlaAlerts = _meter.CreateCounter<long>("workflow.sla.alerts", "{alert}",
            "Alerts raised, tagged with kind and severity.");
        AlertDeliveries = _meter.CreateCounter<long>("workflow.alerts.deliveries", "{delivery}",
            "Webhook delivery attempts, tagged with their result.");
        QueueDepth = _meter.CreateGauge<long>("workflow.queue.depth", "{message}", "Messages waiting in a queue.");
        QueueOldestAge = _meter.CreateGauge<double>("workflow.queue.oldest_age", "s",
            "Age of the oldest message waiting in a queue.");
    }

    public Counter<long> RunsStarted { get; }
    public Counter<long> RunsCompleted { get; }
    public Counter<long> RunsFailed { get; }
    public Histogram<double> TaskDuration { get; }
    public Histogram<double> QueueWait { get; }
    public Histogram<double> ScheduleLag { get; }
    public Counter<long> SlaAlerts { get; }
    public Counter<long> AlertDeliveries { get; }
    public Gauge<long> QueueDepth { get; }
    public Gauge<double> QueueOldestAge { get; }

    public void AlertRaised(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        SlaAlerts.Add(1, new KeyValuePair<string, object?>("kind", AlertIds.Name(alert.Kind)),
            new KeyValuePair<string, object?>("severity", alert.Severity.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("pipeline", alert.PipelineId));
    }

    public void Dispose() => _meter.Dispose();
}
