using System.Text.Json;
using Workflow.Execution;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Runtime;

/// <summary>
/// One attempt of a task waiting for, or held by, a worker: the <see cref="TaskAttempt"/> its handler
/// gets, plus its place in the queue. It mirrors a <c>task_attempts</c> row in state <c>queued</c> or
/// <c>running</c>.
/// </summary>
/// <param name="attempt">The attempt as the decider asked for it (its first delivery, no resume state).</param>
/// <param name="pool">The pool whose queue and slots it takes: the task's, or its handler's default.</param>
internal sealed class WorkItem(TaskAttempt attempt, string pool)
{
    /// <summary>The attempt as its handler gets it; a suspended delivery replaces it (<see cref="Suspend"/>).</summary>
    public TaskAttempt TaskAttempt { get; private set; } = attempt;

    public string Pool { get; } = pool;

    /// <summary>FIFO order among equal priority and rank.</summary>
    public long Sequence { get; set; }

    /// <summary>Deliveries started so far (the row's <c>deliveries</c>).</summary>
    public int Deliveries { get; set; }

    /// <summary>Set by the writer when the attempt or its run is cancelled; a queued item is then dropped.</summary>
    public volatile bool Cancelled;

    public string RunId => TaskAttempt.RunId;
    public string TaskKey => TaskAttempt.Task.TaskKey;
    public string TaskId => TaskAttempt.Task.TaskId;
    public int Attempt => TaskAttempt.Task.Attempt;
    public TimeSpan? Timeout => TaskAttempt.Task.Timeout;

    /// <summary>The idempotency key <c>{run}/{task}/{attempt}</c>: the item's key in its run and in the leases.</summary>
    public string Key => TaskAttempt.Task.IdempotencyKey;

    /// <summary>Counts a new delivery and gives the attempt as its handler gets it.</summary>
    public TaskAttempt StartDelivery()
    {
        var delivery = ++Deliveries;
        return delivery == TaskAttempt.Delivery ? TaskAttempt : TaskAttempt with { Delivery = delivery };
    }

    /// <summary>Keeps what a suspended delivery left for the next one.</summary>
    public void Suspend(JsonElement state) => TaskAttempt = TaskAttempt with { ResumeState = state };
}
