using Workflow.Sla;
using Workflow.Sla.Backlog;

namespace Workflow.Engine.Alerts;

/// <summary>Where alerts go besides the log and the metrics, how hard delivery tries, and backlog limits.</summary>
public sealed class AlertOptions
{
    /// <summary>Webhooks every alert goes to, in addition to the channels a pipeline's SLA names.</summary>
    public List<string> Webhooks { get; } = [];

    /// <summary>Quick retries inside one delivery attempt, before the alert is parked for later.</summary>
    public int ImmediateRetries { get; set; } = 2;

    public TimeSpan ImmediateRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the first failed delivery attempt; it doubles per attempt up to the maximum.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRedeliveryDelay { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the delivery worker looks for parked deliveries that are due.</summary>
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the SLA monitors re-check their timers, and queues are sampled for backlog.</summary>
    public TimeSpan MonitorPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a live SLA monitor is saved while only its progress changes (the first time, this long after its
    /// run started). A round that raises or clears an alert saves at once; what a crash loses in between (task
    /// progress, or a monitor never saved) is caught up from the attempt rows on restart. Saving every round would
    /// rewrite the whole state per task event.
    /// </summary>
    public TimeSpan MonitorSaveInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the SLA monitor service lets observations gather after the first one arrives, before it takes a
    /// round. A busy run's attempt events are then decided in groups, with one forecast per group rather than per
    /// event, and the loop wakes once per round instead of once per event. Alerts come this much later at most;
    /// zero takes each round at once.
    /// </summary>
    public TimeSpan MonitorGatherDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    public DurationEstimatorOptions Estimator { get; set; } = new();

    public SlaMonitorSettings Monitor { get; set; } = SlaMonitorSettings.Default;

    /// <summary>Backlog limits of queues whose queue-drain task sets none (<c>maxDepth</c>, <c>maxOldestAge</c>).</summary>
    public BacklogThresholds DefaultBacklog { get; set; } = BacklogThresholds.Default;
}
