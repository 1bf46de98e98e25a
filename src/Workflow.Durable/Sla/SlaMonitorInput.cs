using System.Text.Json;
using Workflow.Sla;

namespace Workflow.Durable.Sla;

/// <summary>The input of a <see cref="OrchestrationNames.SlaMonitor"/> orchestration: a first start, or a snapshot.</summary>
public sealed record SlaMonitorInput(MonitorStarted? Start = null, SlaSnapshot? Snapshot = null)
{
    public static SlaMonitorInput FromStart(MonitorStarted start) => new(Start: start);
}

/// <summary>What one generation of the monitor hands the next: its state and its pending timers.</summary>
public sealed record SlaSnapshot(int Generation, JsonElement State, IReadOnlyList<PendingTimer> Timers);
