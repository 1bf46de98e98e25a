using Workflow.Execution;
using Workflow.Sla;

namespace Workflow.Durable;

/// <summary>
/// The input of a <see cref="OrchestrationNames.PipelineRun"/> orchestration: exactly one of a ready start event,
/// a request to resolve first, or the snapshot a previous generation handed to continue-as-new. With
/// <see cref="Monitor"/> set, the run starts an <see cref="OrchestrationNames.SlaMonitor"/> beside itself.
/// </summary>
public sealed record PipelineRunInput(RunStarted? Start = null, RunRequest? Request = null, RunSnapshot? Snapshot = null,
    MonitorStarted? Monitor = null)
{
    public static PipelineRunInput FromStart(RunStarted start, MonitorStarted? monitor = null) =>
        new(Start: start, Monitor: monitor);

    public static PipelineRunInput FromRequest(RunRequest request) => new(Request: request);

    public static PipelineRunInput FromSnapshot(RunSnapshot snapshot) => new(Snapshot: snapshot);

    /// <summary>The run id, whichever form the input takes.</summary>
    public string RunId => Start?.RunId ?? Request?.RunId ?? Snapshot?.RunId
        ?? throw new InvalidOperationException("A PipelineRun input needs 'start', 'request' or 'snapshot'; it had none.");
}
