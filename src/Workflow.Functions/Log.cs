using Microsoft.Extensions.Logging;

namespace Workflow.Functions;

/// <summary>The Functions app's source-generated log messages; event ids 7000-7099 are this project's.</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Information, "Run {RunId} of {PipelineId}: {Kind}: {Message}")]
    public static partial void RunNotification(ILogger logger, string runId, string pipelineId, string kind, string message);

    [LoggerMessage(7002, LogLevel.Warning, "Alert {AlertId} ({Kind}) on {PipelineId} run {RunId}: {Message}")]
    public static partial void AlertRaised(ILogger logger, string alertId, string kind, string pipelineId, string? runId,
        string message);

    [LoggerMessage(7003, LogLevel.Information, "Alert {AlertId} cleared: {Reason}")]
    public static partial void AlertCleared(ILogger logger, string alertId, string reason);

    [LoggerMessage(7004, LogLevel.Information, "Schedule tick at {At}: {Started} started, {Skipped} skipped, {Failed} failed")]
    public static partial void Tick(ILogger logger, DateTimeOffset at, int started, int skipped, int failed);

    [LoggerMessage(7005, LogLevel.Information, "Run {RunId} already exists as instance {InstanceId}; start is a no-op")]
    public static partial void AlreadyStarted(ILogger logger, string runId, string instanceId);

    [LoggerMessage(7007, LogLevel.Warning, "Duration of task {TaskId} in pipeline {PipelineId} not recorded: {Reason}")]
    public static partial void DurationNotRecorded(ILogger logger, string pipelineId, string taskId, string reason);
}
