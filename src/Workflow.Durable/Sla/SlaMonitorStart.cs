namespace Workflow.Durable.Sla;

/// <summary>
/// The input of the <see cref="OrchestrationNames.StartSlaMonitorActivity"/> activity: the SLA monitor to start as an
/// orchestration of its own, under <see cref="InstanceId"/>.
/// </summary>
/// <remarks>
/// Not a sub-orchestration: Durable completes an orchestration, or continues it as new, only once none of the tasks
/// it scheduled is outstanding, and the monitor lives until its run has finished. A run that held its monitor as a
/// sub-orchestration could never continue as new.
/// </remarks>
public sealed record SlaMonitorStart(string InstanceId, SlaMonitorInput Input);
