// Signature shim, not an implementation: Microsoft.DurableTask.Client.DurableTaskClient (src/Client/Core/DurableTaskClient.cs, OrchestrationRuntimeStatus.cs).
// Transcribed from microsoft/durabletask-dotnet (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
namespace Microsoft.DurableTask.Client;

public enum OrchestrationRuntimeStatus
{
    Running,
    Completed,
    ContinuedAsNew,
    Failed,
    Canceled,
    Terminated,
    Pending,
    Suspended,
}

public abstract class DurableTaskClient
{
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName,
        CancellationToken cancellation) => throw new NotSupportedException();

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input,
        CancellationToken cancellation) => throw new NotSupportedException();

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName,
        StartOrchestrationOptions options, CancellationToken cancellation = default) => throw new NotSupportedException();

    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellation) =>
        throw new NotSupportedException();

    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null,
        CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) =>
        throw new NotSupportedException();

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false,
        CancellationToken cancellation = default) => throw new NotSupportedException();

    public abstract AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null);
}
