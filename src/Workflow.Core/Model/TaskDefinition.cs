using System.Text.Json;

namespace Workflow.Model;

/// <summary>One node of a pipeline's DAG. <see cref="Config"/> is the kind-specific part.</summary>
public sealed record TaskDefinition
{
    public required string Id { get; init; }

    /// <summary>The handler kind: http, process, code, delay, wait-until, sub-pipeline, queue-drain, or a custom one.</summary>
    public required string Kind { get; init; }

    public JsonElement? Config { get; init; }
    public IReadOnlyList<string> DependsOn { get; set; } = [];
    public TriggerRule Trigger { get; set; } = TriggerRule.AllSuccess;

    /// <summary>Overrides <see cref="TaskDefaults.Retry"/> when set.</summary>
    public RetryPolicy? Retry { get; init; }

    public TimeSpan? Timeout { get; init; }
    public int? Priority { get; init; }

    /// <summary>
    /// The worker pool; when absent, the pipeline's default pool, else the kind's (<see cref="TaskPools"/>).
    /// </summary>
    public string? Pool { get; init; }

    /// <summary>A configured expectation; history-based estimates take over once there is history.</summary>
    public TimeSpan? ExpectedDuration { get; init; }

    /// <summary>When set, the task runs once per element of an upstream task's output array.</summary>
    public MapSpec? Map { get; init; }
}
