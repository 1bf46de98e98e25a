using Microsoft.DurableTask;
using Workflow.Durable;

namespace Workflow.Functions.Orchestration;

/// <summary>
/// <see cref="IOrchestrationPort"/> over Durable's <see cref="TaskOrchestrationContext"/>: one call per member, no
/// logic. Everything the loops decide is in Workflow.Core and tested there against an in-memory port.
/// </summary>
internal sealed class DurableOrchestrationPort(TaskOrchestrationContext context) : IOrchestrationPort
{
    public string InstanceId => context.InstanceId;

    public DateTimeOffset CurrentUtcDateTime => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public bool IsReplaying => context.IsReplaying;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input) =>
        context.CallActivityAsync<TResult>(name, input);

    public Task<TResult> CallSubOrchestratorAsync<TResult>(string name, string instanceId, object? input) =>
        context.CallSubOrchestratorAsync<TResult>(name, input, new SubOrchestrationOptions(instanceId: instanceId));

    public Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken) =>
        context.CreateTimer(fireAt.UtcDateTime, cancellationToken);

    public Task<TEvent> WaitForExternalEvent<TEvent>(string eventName, CancellationToken cancellationToken) =>
        context.WaitForExternalEvent<TEvent>(eventName, cancellationToken);

    // Durable completes orchestration tasks in history order on the orchestrator thread, so Task.WhenAny picks
    // the same winner on every replay.
    public Task<Task> WhenAny(IReadOnlyList<Task> tasks) => Task.WhenAny(tasks);

    public void SendEvent(string instanceId, string eventName, object payload) =>
        context.SendEvent(instanceId, eventName, payload);

    public void SetCustomStatus(object? status) => context.SetCustomStatus(status);

    public void ContinueAsNew(object newInput) => context.ContinueAsNew(newInput, preserveUnprocessedEvents: true);
}
