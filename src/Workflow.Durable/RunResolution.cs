using Workflow.Execution;
using Workflow.Sla;

namespace Workflow.Durable;

/// <summary>
/// What the <see cref="OrchestrationNames.ResolveRunActivity"/> activity returns: the pinned start event, or why
/// there is none (an unknown or disabled pipeline), which the run then fails with instead of faulting.
/// <see cref="Monitor"/>, when set, starts the run's SLA monitor with estimates and a deadline from history;
/// <see cref="MonitorError"/> says why it has no deadline when the pipeline's rule could not be computed.
/// <see cref="Refused"/> marks a child refused by <see cref="Security.ChildPipelineAccess"/>: its parent's task fails
/// with <see cref="Error"/>.
/// </summary>
public sealed record RunResolution(RunStarted? Start, string? Error = null, MonitorStarted? Monitor = null,
    string? MonitorError = null, bool Refused = false);
