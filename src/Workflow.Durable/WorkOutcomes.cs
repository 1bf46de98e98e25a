using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Durable;

/// <summary>The decider event an attempt's activity or a child run's orchestration stands for once it completed.</summary>
internal static class WorkOutcomes
{
    /// <summary>A fault is a handler failure (an activity) or a failed child run; otherwise the result says.</summary>
    public static async Task<RunEvent> ToEventAsync(Outstanding item, Task completed, DateTimeOffset now)
    {
        if (!completed.IsCompletedSuccessfully)
        {
            var message = completed.Exception?.InnerException?.Message ?? "The work failed without a message.";
            return item.Kind == OutstandingKind.Activity
                ? new TaskFailed(now, item.Key, item.Attempt, ErrorKinds.Handler, message)
                : new ChildRunCompleted(now, item.Key, item.Attempt, item.ChildRunId!, RunStatus.Failed, null);
        }

        if (item.Kind == OutstandingKind.Activity)
        {
            return (await (Task<TaskActivityResult>)completed).ToEvent(now, item.Key, item.Attempt);
        }

        var child = await (Task<RunOutcome>)completed;
        return new ChildRunCompleted(now, item.Key, item.Attempt, item.ChildRunId!, child.Status, child.Output,
            child.Error);
    }
}
