namespace Workflow.Model;

/// <summary>Pipeline-wide defaults that each task may override.</summary>
public sealed record TaskDefaults
{
    public RetryPolicy Retry { get; set; } = RetryPolicy.None;
    public TimeSpan? Timeout { get; init; }
    public int Priority { get; init; }
    public string? Pool { get; init; }
}
