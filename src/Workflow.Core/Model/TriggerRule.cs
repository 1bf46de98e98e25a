using System.Text.Json.Serialization;

namespace Workflow.Model;

/// <summary>When a task becomes ready, given the final states of its upstream tasks.</summary>
public enum TriggerRule
{
    /// <summary>Every upstream task succeeded (the default).</summary>
    [JsonStringEnumMemberName("all-success")] AllSuccess,

    /// <summary>Every upstream task finished, whatever its state.</summary>
    [JsonStringEnumMemberName("all-done")] AllDone,

    /// <summary>At least one upstream task failed; runs as soon as one does.</summary>
    [JsonStringEnumMemberName("one-failed")] OneFailed,

    /// <summary>At least one upstream task succeeded; runs as soon as one does.</summary>
    [JsonStringEnumMemberName("one-success")] OneSuccess,

    /// <summary>Every upstream task finished and none failed (skipped is fine).</summary>
    [JsonStringEnumMemberName("none-failed")] NoneFailed,
}
