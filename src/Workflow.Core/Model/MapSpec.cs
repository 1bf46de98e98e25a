namespace Workflow.Model;

/// <summary>Expands a task into one instance per element of an upstream task's output array.</summary>
public sealed record MapSpec
{
    /// <summary>The upstream task whose output is mapped over; it must be a (transitive) dependency.</summary>
    public required string Over { get; init; }

    /// <summary>A dotted path into that output, for example <c>items</c>; empty means the output itself.</summary>
    public string? Path { get; init; }

    /// <summary>The most instances allowed; a longer array fails the task with a clear error.</summary>
    public int? MaxItems { get; init; }
}
