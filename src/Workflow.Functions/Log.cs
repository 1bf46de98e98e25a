using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

// The tests refer to the event ids by their constants.
[assembly: InternalsVisibleTo("Workflow.Functions.Tests")]

namespace Workflow.Functions;

/// <summary>The Functions app's source-generated log messages; event ids 7000-7099 are this project's.</summary>
internal static partial class Log
{
    /// <summary>The event ids, one constant each; an id is never reused for another message (7006 is retired).</summary>
    internal static class Ids
    {
        public const int RunNotification = 7001;
        public const int AlertRaised = 7002;
        public const int AlertCleared = 7003;
        public const int Tick = 7004;
        public const int AlreadyStarted = 7005;
        public const int DurationNotRecorded = 7007;
        public const int PlatformAuthenticationOff = 7008;
        public const int AlertDelivered = 7009;
        public const int AlertDeliveryFailed = 7010;
        public const int AlertDeliveryGivenUp = 7011;
        public const int RunPurged = 7012;
        public const int RetentionPass = 7013;
        public const int BacklogChecked = 7014;
        public const int SlaDeadlineDropped = 7015;
        public const int DurationsPurged = 7016;
    }

    [LoggerMessage(Ids.RunNotification, LogLevel.Information, "Run {RunId} of {PipelineId}: {Kind}: {Message}")]
    public static partial void RunNotification(ILogger logger, string runId, string pipelineId, string kind, string message);

    [LoggerMessage(Ids.AlertRaised, LogLevel.Warning, "Alert {AlertId} ({Kind}) on {PipelineId} run {RunId}: {Message}")]
    public static partial void AlertRaised(ILogger logger, string alertId, string kind, string pipelineId, string? runId,
        string message);

    [LoggerMessage(Ids.AlertCleared, LogLevel.Information, "Alert {AlertId} cleared: {Reason}")]
    public static partial void AlertCleared(ILogger logger, string alertId, string reason);

    [LoggerMessage(Ids.Tick, LogLevel.Information, "Schedule tick at {At}: {Started} started, {Skipped} skipped, {Failed} failed")]
    public static partial void Tick(ILogger logger, DateTimeOffset at, int started, int skipped, int failed);

    [LoggerMessage(Ids.AlreadyStarted, LogLevel.Information, "Run {RunId} already exists as instance {InstanceId}; start is a no-op")]
    public static partial void AlreadyStarted(ILogger logger, string runId, string instanceId);

    [LoggerMessage(Ids.DurationNotRecorded, LogLevel.Warning, "Duration of task {TaskId} in pipeline {PipelineId} not recorded: {Reason}")]
    public static partial void DurationNotRecorded(ILogger logger, string pipelineId, string taskId, string reason);

    [LoggerMessage(Ids.PlatformAuthenticationOff, LogLevel.Warning,
        "App Service Authentication is not on ({Setting} is not True): the {Header} header is ignored and every "
        + "request is anonymous. Turn authentication on (authsettingsV2 in infra/app/function.bicep).")]
    public static partial void PlatformAuthenticationOff(ILogger logger, string setting, string header);

    [LoggerMessage(Ids.AlertDelivered, LogLevel.Information, "Alert {AlertId} delivered to {Url} ({Event}, attempt {Attempt})")]
    public static partial void AlertDelivered(ILogger logger, string alertId, string url, string @event, int attempt);

    [LoggerMessage(Ids.AlertDeliveryFailed, LogLevel.Warning,
        "Alert {AlertId} could not be delivered to {Url} (attempt {Attempt}): {Error}; it is tried again in {Delay}")]
    public static partial void AlertDeliveryFailed(ILogger logger, string alertId, string url, int attempt, string error,
        TimeSpan delay);

    [LoggerMessage(Ids.AlertDeliveryGivenUp, LogLevel.Error,
        "Alert {AlertId} was not delivered to {Url} after {Attempt} attempts ({Error}); delivery is given up")]
    public static partial void AlertDeliveryGivenUp(ILogger logger, string alertId, string url, int attempt, string error);

    [LoggerMessage(Ids.RunPurged, LogLevel.Information,
        "Retention purged run {RunId} of {PipelineId} ({Status}, last updated {LastUpdatedAt})")]
    public static partial void RunPurged(ILogger logger, string runId, string pipelineId, string status,
        DateTimeOffset lastUpdatedAt);

    [LoggerMessage(Ids.RetentionPass, LogLevel.Information, "Retention pass at {At}: {Runs} runs purged (at most {Bound} per pass)")]
    public static partial void RetentionPass(ILogger logger, DateTimeOffset at, int runs, int bound);

    [LoggerMessage(Ids.DurationsPurged, LogLevel.Information,
        "Retention removed the duration samples of {Tasks} tasks of {PipelineId}, which no longer exists")]
    public static partial void DurationsPurged(ILogger logger, string pipelineId, int tasks);

    [LoggerMessage(Ids.SlaDeadlineDropped, LogLevel.Error, "The SLA monitor of run {RunId} has no deadline: {Reason}")]
    public static partial void SlaDeadlineDropped(ILogger logger, string runId, string reason);

    [LoggerMessage(Ids.BacklogChecked, LogLevel.Debug, "Queue backlog check: {Queues} queues sampled")]
    public static partial void BacklogChecked(ILogger logger, int queues);
}
