using Workflow.Engine.Runtime;
using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>
/// Suspend and resume for the embedded engine: the change is one write (<see cref="RunSuspensionOp"/>); a run the
/// engine is not driving is unknown or refused by the core's rule (<see cref="RunStatuses.SuspensionRefusal"/>).
/// </summary>
internal sealed class RunSuspensions(EngineRuntime engine, IWorkflowService workflow)
{
    public async ValueTask<bool> ChangeAsync(string runId, bool suspend, string actor, string? reason,
        CancellationToken cancellationToken)
    {
        var op = new RunSuspensionOp(runId, suspend, reason ?? $"{(suspend ? "Suspended" : "Resumed")} by {actor}.");
        engine.Writer.Post(op);
        if (await op.Result.WaitAsync(cancellationToken) is { } changed)
        {
            return changed;
        }

        var run = await workflow.GetRunAsync(runId, cancellationToken)
                  ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        throw new ConflictException(RunStatuses.SuspensionRefusal(runId, run.Run.Status, suspend)
                                            ?? $"Run '{runId}' ended while it was being {(suspend ? "suspended" : "resumed")}.");
    }
}
