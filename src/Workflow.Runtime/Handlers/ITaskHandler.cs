namespace Workflow.Runtime.Handlers;

/// <summary>
/// Carries out one kind of task (http, process, code, delay, …). Handlers are registered in DI and looked up by
/// <see cref="Kind"/>; pipeline validation rejects kinds that no handler serves. A handler may run more than once
/// for the same attempt (delivery is at least once), so it should honour <see cref="TaskContext.IdempotencyKey"/>.
/// </summary>
public interface ITaskHandler
{
    string Kind { get; }

    /// <summary>
    /// When true, the handler calls <see cref="TaskContext.Heartbeat"/> itself and its lease expires if it stops;
    /// otherwise the worker heartbeats for it while it runs.
    /// </summary>
    bool HeartbeatsItself => false;

    ValueTask<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken);
}
