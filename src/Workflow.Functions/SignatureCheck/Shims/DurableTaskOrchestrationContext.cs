// Signature shim, not an implementation: Microsoft.DurableTask.TaskOrchestrationContext (src/Abstractions/TaskOrchestrationContext.cs).
// Transcribed from microsoft/durabletask-dotnet (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
namespace Microsoft.DurableTask;

public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }
    public abstract string InstanceId { get; }
    public abstract DateTime CurrentUtcDateTime { get; }
    public abstract bool IsReplaying { get; }

    public abstract T? GetInput<T>();

    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public abstract Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null);

    [Obsolete("This method is not yet fully implemented")]
    public abstract Task<T> CallActivityAsync<T>(Func<object?, T> activityLambda, object? input = null,
        TaskOptions? options = null);

    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) => throw new NotSupportedException();

    public abstract void SendEvent(string instanceId, string eventName, object payload);

    public abstract void SetCustomStatus(object? customStatus);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null,
        TaskOptions? options = null);

    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options) =>
        throw new NotSupportedException();

    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options) =>
        throw new NotSupportedException();

    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null,
        TaskOptions? options = null) => throw new NotSupportedException();

    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    public abstract Guid NewGuid();
}
