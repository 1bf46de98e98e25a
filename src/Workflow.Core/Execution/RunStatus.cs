using System.Text.Json.Serialization;

namespace Workflow.Execution;

/// <summary>The state of a whole run. Appended members keep the numeric values stable.</summary>
public enum RunStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>
    /// Started and held: no new attempt starts, attempts already started finish, timers keep counting (see
    /// <see cref="RunSuspended"/>). Still active: it counts for the overlap policy and can be cancelled.
    /// </summary>
    [JsonStringEnumMemberName("suspended")] Suspended,
}

/// <summary>The state of a task or of one map instance. Appended members keep the numeric values stable.</summary>
public enum TaskStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("retry-wait")] RetryWait,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>Its trigger rule is met and it waits in the run's ready queue for a free slot.</summary>
    [JsonStringEnumMemberName("ready")] Ready,
}
