// Signature shim, not an implementation: Microsoft.DurableTask task names and options (src/Abstractions/TaskName.cs, TaskOptions.cs).
// Transcribed from microsoft/durabletask-dotnet (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
namespace Microsoft.DurableTask;

public readonly struct TaskName
{
    public TaskName(string name) => Name = name;

    public string Name { get; }

    public static implicit operator string(TaskName value) => value.Name;

    public static implicit operator TaskName(string value) => new(value);
}

public class TaskRetryOptions
{
}

public record TaskOptions
{
    public TaskOptions(TaskRetryOptions? retry) => Retry = retry;

    public TaskOptions(TaskRetryOptions? retry = null, IDictionary<string, string>? tags = null) => Retry = retry;

    public TaskRetryOptions? Retry { get; init; }
}

public record SubOrchestrationOptions : TaskOptions
{
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry) => InstanceId = instanceId;

    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options) => InstanceId = instanceId;

    public string? InstanceId { get; init; }
}

public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
