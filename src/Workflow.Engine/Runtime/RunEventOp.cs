using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>Applies an outside event (a cancel request) to an active run; false when the run is not active.</summary>
internal sealed class RunEventOp(string runId, RunEvent @event) : WriteOp<bool>
{
    protected override bool Execute(WriteContext context)
    {
        if (!context.Engine.Runs.TryGetValue(runId, out var run))
        {
            return false;
        }

        RunShell.ApplyEvent(context, run, @event);
        return true;
    }
}
