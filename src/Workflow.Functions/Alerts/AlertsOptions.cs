using Workflow.Sla;
using Workflow.Sla.Backlog;

namespace Workflow.Functions.Alerts;

/// <summary>
/// Where alerts go besides the log and the metrics, and how hard webhook delivery tries; bound from
/// <c>Workflow:Alerts</c> (app settings <c>Workflow__Alerts__*</c>).
/// </summary>
public sealed class AlertsOptions
{
    public const string Section = "Workflow:Alerts";

    /// <summary>Webhooks every alert goes to, in addition to the channels a pipeline's SLA names.</summary>
    public List<string> Webhooks { get; } = [];

    /// <summary>The wait after the first failed attempt; it doubles per attempt up to the maximum.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRedeliveryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Attempts per delivery before it is marked failed (about a day with the default delays).</summary>
    public int MaxAttempts { get; set; } = 100;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The duration estimator's window and thresholds behind the SLA monitors' estimates (as embedded).</summary>
    public DurationEstimatorOptions Estimator { get; set; } = new();

    /// <summary>The SLA monitors' tuning, the embedded host's <c>Workflow:Alerts:Monitor</c> setting.</summary>
    public SlaMonitorSettings Monitor { get; set; } = SlaMonitorSettings.Default;

    /// <summary>Backlog limits of queues whose queue-drain task sets none (<c>maxDepth</c>, <c>maxOldestAge</c>).</summary>
    public BacklogThresholds DefaultBacklog { get; set; } = BacklogThresholds.Default;

    /// <summary>
    /// How often the backlog check lists every pipeline again for the ones that drain a queue without a drain mark
    /// (saved by a build before the marks, in a mixed deployment, after the marks were first built); between listings
    /// it reads only the marks. Shorter than the retention's re-scan, since a missed backlog alert matters sooner than
    /// a late purge.
    /// </summary>
    public TimeSpan UnmarkedDrainsRescan { get; set; } = TimeSpan.FromHours(1);
}
