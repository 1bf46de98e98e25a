// Signature shim, not an implementation: Microsoft.DurableTask paging and query records (src/Abstractions/Page.cs, AsyncPageable.cs, TaskFailureDetails.cs; src/Client/Core/OrchestrationQuery.cs, OrchestrationMetadata.cs).
// Transcribed from microsoft/durabletask-dotnet (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Microsoft.DurableTask.Client;

namespace Microsoft.DurableTask;

public sealed class Page<T>(IReadOnlyList<T> values, string? continuationToken = null)
    where T : notnull
{
    public IReadOnlyList<T> Values { get; } = values;
    public string? ContinuationToken { get; } = continuationToken;
}

public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = default, int? pageSizeHint = default);

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

public record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace,
    TaskFailureDetails? InnerFailure);

public record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null,
    IEnumerable<string>? TaskHubNames = null,
    string? InstanceIdPrefix = null,
    int PageSize = OrchestrationQuery.DefaultPageSize,
    bool FetchInputsAndOutputs = false,
    string? ContinuationToken = null)
{
    public const int DefaultPageSize = 100;
}

public sealed class OrchestrationMetadata(string name, string instanceId)
{
    public string Name { get; } = name;
    public string InstanceId { get; } = instanceId;
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public string? SerializedInput { get; init; }
    public string? SerializedOutput { get; init; }
    public string? SerializedCustomStatus { get; init; }
    public TaskFailureDetails? FailureDetails { get; init; }
    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;
    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
