namespace Workflow.Durable;

/// <summary>
/// The few durable-orchestration primitives the loops need, with no Azure types. The Functions app adapts
/// Durable's <c>TaskOrchestrationContext</c> to it one call per member; tests use an in-memory fake that
/// records calls and replays recorded results.
/// </summary>
/// <remarks>
/// Implementations run every continuation on the orchestrator's own thread, so loop code awaits without
/// <c>ConfigureAwait(false)</c>: leaving that context would break Durable's replay.
/// </remarks>
public interface IOrchestrationPort
{
    string InstanceId { get; }

    /// <summary>The deterministic orchestration time: the same value at the same point of every replay.</summary>
    DateTimeOffset CurrentUtcDateTime { get; }

    /// <summary>True while the orchestrator re-executes recorded history; side-effect logging checks it.</summary>
    bool IsReplaying { get; }

    /// <summary>Schedules an activity; it runs at least once, wherever the platform places it.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input);

    /// <summary>Runs another orchestration with a caller-chosen instance id and waits for its output.</summary>
    Task<TResult> CallSubOrchestratorAsync<TResult>(string name, string instanceId, object? input);

    /// <summary>A durable timer; cancelling the token cancels the timer so the orchestration can complete.</summary>
    Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for one event raised to this instance; each raised event completes one wait.</summary>
    Task<TEvent> WaitForExternalEvent<TEvent>(string eventName, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the first of <paramref name="tasks"/> completes. A port decides the winner from its
    /// history, never from wall-clock races, which is what makes the loops replay the same way.
    /// </summary>
    Task<Task> WhenAny(IReadOnlyList<Task> tasks);

    /// <summary>Raises an event on another instance (fire and forget).</summary>
    void SendEvent(string instanceId, string eventName, object payload);

    /// <summary>A small JSON-serializable value that status queries return while the orchestration runs.</summary>
    void SetCustomStatus(object? status);

    /// <summary>Restarts this instance with <paramref name="newInput"/> and empty history; the loop returns right after.</summary>
    void ContinueAsNew(object newInput);
}
