namespace Workflow.Sla;

/// <summary>A monitor's start event, and why it has no deadline when its rule could not be computed.</summary>
public sealed record SlaMonitorStartResult(MonitorStarted Event, ArgumentException? DeadlineError);
