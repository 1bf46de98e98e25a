using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>
/// An event one run sends another in the same transaction: a child run's end to its parent, or a parent's cancel to
/// the child run of a task it stopped. A run that is no longer active ignores it.
/// </summary>
internal sealed class RelayedEventOp(string runId, RunEvent @event) : WriteOp
{
    public override void Apply(WriteContext context)
    {
        if (context.Engine.Runs.TryGetValue(runId, out var run))
        {
            RunShell.ApplyEvent(context, run, @event);
        }
    }
}
