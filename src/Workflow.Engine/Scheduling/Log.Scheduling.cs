using Microsoft.Extensions.Logging;

namespace Workflow.Engine;

/// <summary>The scheduler's part of the engine's log messages (event ids 4500-4549).</summary>
internal static partial class Log
{
    [LoggerMessage(Ids.TickDone, LogLevel.Information,
        "Schedule tick at {At}: {Started} started, {Skipped} skipped, {Deferred} deferred, {Cancelled} cancelled")]
    public static partial void TickDone(ILogger logger, DateTimeOffset at, int started, int skipped, int deferred,
        int cancelled);

    [LoggerMessage(Ids.ScheduleFailed, LogLevel.Warning, "Schedule {ScheduleKey} of pipeline {PipelineId} could not fire")]
    public static partial void ScheduleFailed(ILogger logger, string pipelineId, string scheduleKey,
        Exception exception);

    [LoggerMessage(Ids.TickFailed, LogLevel.Error, "The schedule tick failed; the next tick tries again")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Ids.OccurrenceSkipped, LogLevel.Information, "Run {RunId} skipped: an earlier run of {PipelineId} is still active")]
    public static partial void OccurrenceSkipped(ILogger logger, string runId, string pipelineId);

    [LoggerMessage(Ids.CatchUpBounded, LogLevel.Warning,
        "Schedule {ScheduleKey} of pipeline {PipelineId} missed more runs than catchUp.maxRuns ({MaxRuns}): the {Dropped} oldest were dropped")]
    public static partial void CatchUpBounded(ILogger logger, string pipelineId, string scheduleKey, int dropped,
        int maxRuns);
}
