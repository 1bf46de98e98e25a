using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>One run's live monitor: the decider state, its pending timers, where its alerts go, and its saves.</summary>
internal sealed class SlaMonitorRun(IReadOnlyList<AlertChannel> channels)
{
    public SlaMonitorState State { get; set; } = SlaMonitorState.Initial;

    public Dictionary<string, DateTimeOffset> Timers { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<AlertChannel> Channels { get; } = channels;

    /// <summary>When this monitor was last saved; null until its first save.</summary>
    public DateTimeOffset? SavedAt { get; set; }

    /// <summary>
    /// When its run started (for a new monitor) or when it was restored: its first save falls due a save interval
    /// after this, as a later one does after <see cref="SavedAt"/>.
    /// </summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>An alert was raised or cleared since the last save, so the next round saves at once.</summary>
    public bool Urgent { get; set; }
}
