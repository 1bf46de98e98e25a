using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>Tells a parent run that the child run one of its tasks started has finished.</summary>
internal sealed class ChildCompletedOp(string parentRunId, ChildRunCompleted @event) : WriteOp
{
    public override void Apply(WriteContext context)
    {
        if (context.Engine.Runs.TryGetValue(parentRunId, out var parent))
        {
            RunShell.ApplyEvent(context, parent, @event);
        }
    }
}
