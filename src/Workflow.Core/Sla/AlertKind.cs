using System.Text.Json.Serialization;

namespace Workflow.Sla;

/// <summary>What an alert is about. The kebab-case names are the API's <c>kind</c> filter values.</summary>
public enum AlertKind
{
    /// <summary>A running task is past its p95 × slow factor, or past its configured expected duration.</summary>
    [JsonStringEnumMemberName("slow-task")] SlowTask,

    /// <summary>The whole run is past the pipeline's configured expected duration.</summary>
    [JsonStringEnumMemberName("slow-run")] SlowRun,

    /// <summary>The predicted finish is later than the deadline minus its margin.</summary>
    [JsonStringEnumMemberName("deadline-at-risk")] DeadlineAtRisk,

    [JsonStringEnumMemberName("deadline-missed")] DeadlineMissed,
    [JsonStringEnumMemberName("task-retrying")] TaskRetrying,
    [JsonStringEnumMemberName("task-failed")] TaskFailed,
    [JsonStringEnumMemberName("run-failed")] RunFailed,
    [JsonStringEnumMemberName("run-succeeded")] RunSucceeded,

    /// <summary>A queue's depth or oldest message age is over its limit.</summary>
    [JsonStringEnumMemberName("queue-backlog")] QueueBacklog,
}

/// <summary>How urgent an alert is; sinks and alert rules may filter on it.</summary>
public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("critical")] Critical,
}
