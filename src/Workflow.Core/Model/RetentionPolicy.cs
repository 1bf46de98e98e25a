namespace Workflow.Model;

/// <summary>How long finished runs, their logs and their outputs are kept.</summary>
public sealed record RetentionPolicy
{
    public TimeSpan? Runs { get; init; }
    public TimeSpan? Logs { get; init; }
}
