namespace Workflow.Model;

/// <summary>
/// A pipeline: a DAG of tasks with its own schedules, defaults, concurrency, SLA, parameters and retention.
/// A definition is plain data; the C# builder and the JSON form both produce it.
/// </summary>
/// <remarks>
/// Model properties with a default use <c>set</c>, not <c>init</c>: the JSON source generator passes omitted
/// init-only properties as default(T), which would turn an omitted <c>enabled</c> into false and an omitted
/// <c>retry.maxAttempts</c> into 0 (dotnet/runtime#84484). Treat definitions as immutable all the same and
/// change them with <c>with</c>.
/// </remarks>
public sealed record PipelineDefinition
{
    public required string Id { get; init; }

    /// <summary>Set by the store on every accepted change; definitions pinned by runs never change.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The security group that owns the pipeline, its runs and its logs.</summary>
    public required string OwnerGroup { get; init; }

    public string? Description { get; init; }
    public bool Enabled { get; set; } = true;
    public IReadOnlyList<ScheduleDefinition> Schedules { get; set; } = [];
    public TaskDefaults Defaults { get; set; } = new();
    public ConcurrencyPolicy Concurrency { get; set; } = new();
    public SlaPolicy? Sla { get; init; }
    public IReadOnlyList<ParameterDefinition> Parameters { get; set; } = [];
    public RetentionPolicy? Retention { get; init; }
    public IReadOnlyList<TaskDefinition> Tasks { get; set; } = [];
}
