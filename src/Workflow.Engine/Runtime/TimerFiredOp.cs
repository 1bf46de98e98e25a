using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A decider timer came due: its row is deleted and <see cref="TimerFired"/> applied, once. A firing for an instant
/// the timer is no longer armed for (it was moved) is ignored.
/// </summary>
internal sealed class TimerFiredOp(string runId, string timerId, DateTimeOffset dueAt) : WriteOp
{
    public override void Apply(WriteContext context)
    {
        if (!context.Engine.Runs.TryGetValue(runId, out var run) || !run.Timers.TryGetValue(timerId, out var armed) ||
            armed != dueAt)
        {
            return;
        }

        run.Timers.Remove(timerId);
        context.Sql.DeleteTimer(runId, timerId);
        var at = context.Now > dueAt ? context.Now : dueAt;
        RunShell.ApplyEvent(context, run, new TimerFired(at, timerId));
    }
}
