namespace Workflow.Model;

/// <summary>
/// A pipeline: a DAG of tasks with its own schedules, defaults, concurrency, SLA, parameters and retention.
/// A definition is plain data; the C# builder and the JSON form both produce it.
/// </summary>
public sealed record PipelineDefinition
{
    public required string Id { get; init; }

    /// <summary>Set by the store on every accepted change; definitions pinned by runs never change.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The security group that owns the pipeline, its runs and its logs.</summary>
    public required string OwnerGroup { get; init; }

    public string? Description { get; init; }
    public bool Enabled { get; init; } = true;
    public IReadOnlyList<ScheduleDefinition> Schedules { get; init; } = [];
    public TaskDefaults Defaults { get; init; } = new();
    public ConcurrencyPolicy Concurrency { get; init; } = new();
    public SlaPolicy? Sla { get; init; }
    public IReadOnlyList<ParameterDefinition> Parameters { get; init; } = [];
    public RetentionPolicy? Retention { get; init; }
    public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];
}
