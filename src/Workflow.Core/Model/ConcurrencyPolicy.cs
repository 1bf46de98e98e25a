using System.Text.Json.Serialization;

namespace Workflow.Model;

/// <summary>How much of a pipeline runs at once, and what a new run does while an earlier one is active.</summary>
public sealed record ConcurrencyPolicy
{
    /// <summary>The most tasks of one run that run at the same time.</summary>
    public int MaxParallelTasks { get; set; } = 16;

    public OverlapPolicy Overlap { get; set; } = OverlapPolicy.Skip;
}

/// <summary>What happens when a run is due while an earlier run of the same pipeline is still active.</summary>
public enum OverlapPolicy
{
    [JsonStringEnumMemberName("allow")] Allow,
    [JsonStringEnumMemberName("skip")] Skip,
    [JsonStringEnumMemberName("queue")] Queue,
    [JsonStringEnumMemberName("cancel-previous")] CancelPrevious,
}
