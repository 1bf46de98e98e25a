using Microsoft.Extensions.Logging;

namespace Workflow.Engine;

/// <summary>Alert and SLA log messages: event ids 6001–6099, stable for log-based alert rules.</summary>
internal static partial class Log
{
    [LoggerMessage(Ids.AlertRaised, LogLevel.Warning,
        "Alert {AlertId} raised: {Kind} ({Severity}) for pipeline {PipelineId}, run {RunId}: {Message}")]
    public static partial void AlertRaised(ILogger logger, string alertId, string kind, string severity,
        string pipelineId, string? runId, string message);

    [LoggerMessage(Ids.TaskAlertRaised, LogLevel.Warning,
        "Alert {AlertId} raised: {Kind} ({Severity}) for pipeline {PipelineId}, run {RunId}, task {TaskKey}: {Message}")]
    public static partial void TaskAlertRaised(ILogger logger, string alertId, string kind, string severity,
        string pipelineId, string? runId, string taskKey, string message);

    [LoggerMessage(Ids.AlertCleared, LogLevel.Information, "Alert {AlertId} cleared: {Reason}")]
    public static partial void AlertCleared(ILogger logger, string alertId, string reason);

    [LoggerMessage(Ids.AlertDelivered, LogLevel.Information, "Alert {AlertId} delivered to {Url} ({Event}, attempt {Attempt})")]
    public static partial void AlertDelivered(ILogger logger, string alertId, string url, string @event, int attempt);

    [LoggerMessage(Ids.AlertDeliveryFailed, LogLevel.Warning,
        "Alert {AlertId} could not be delivered to {Url} (attempt {Attempt}): {Error}; it is kept and retried at {NextAttempt}")]
    public static partial void AlertDeliveryFailed(ILogger logger, string alertId, string url, int attempt,
        string error, DateTimeOffset nextAttempt);

    [LoggerMessage(Ids.SlaMonitorFailed, LogLevel.Error, "The SLA monitor of run {RunId} failed")]
    public static partial void SlaMonitorFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Ids.DeliveryLoopFailed, LogLevel.Error, "The alert delivery loop failed; it retries on its next round")]
    public static partial void DeliveryLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Ids.BacklogCheckFailed, LogLevel.Error, "The queue backlog check failed; it retries on its next round")]
    public static partial void BacklogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Ids.OtlpExporting, LogLevel.Information, "Exporting telemetry over OTLP ({Protocol}) to {Endpoint}")]
    public static partial void OtlpExporting(ILogger logger, string protocol, Uri endpoint);
}
