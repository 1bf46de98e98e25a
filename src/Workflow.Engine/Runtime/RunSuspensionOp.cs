using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Suspends or resumes an active run in one transaction: the decider's <see cref="RunSuspended"/> or
/// <see cref="RunResumed"/> event and the run row's <c>suspended_at</c>, which the run reader shows as the
/// <see cref="RunStatus.Suspended"/> status. The result is null when the run is not active here (unknown or
/// finished), else whether the run changed (false: it already was in the state asked for).
/// </summary>
internal sealed class RunSuspensionOp(string runId, bool suspend, string? reason) : WriteOp<bool?>
{
    protected override bool? Execute(WriteContext context)
    {
        if (!context.Engine.Runs.TryGetValue(runId, out var run))
        {
            return null;
        }

        var wanted = suspend ? RunStatus.Suspended : RunStatus.Running;
        if (run.State.Status == wanted)
        {
            return false;
        }

        RunShell.ApplyEvent(context, run, suspend ? new RunSuspended(context.Now, reason) : new RunResumed(context.Now, reason));
        if (context.Engine.Runs.ContainsKey(runId))
        {
            context.Sql.Write("UPDATE runs SET suspended_at = $1 WHERE run_id = $2;",
                suspend ? context.NowMs : null, runId);
        }

        return true;
    }
}
