using Microsoft.Extensions.Logging;

namespace Workflow.Runtime;

/// <summary>
/// The log messages of what both hosts run: the attempt executor, the process handler and the schedule tick. Event
/// ids are stable (dashboards and alerts may key on them): they kept the numbers they had in the engine.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(Ids.HandlerThrew, LogLevel.Warning, "The handler of {Key} threw")]
    public static partial void HandlerThrew(ILogger logger, string key, Exception exception);

    [LoggerMessage(Ids.ProcessKilled, LogLevel.Information, "Killed the process tree of {Key} (pid {ProcessId}): {Reason}")]
    public static partial void ProcessKilled(ILogger logger, string key, int processId, string reason);

    [LoggerMessage(Ids.TickDone, LogLevel.Information,
        "Schedule tick at {At}: {Started} started, {Skipped} skipped, {Deferred} deferred, {Cancelled} cancelled")]
    public static partial void TickDone(ILogger logger, DateTimeOffset at, int started, int skipped, int deferred,
        int cancelled);

    [LoggerMessage(Ids.ScheduleFailed, LogLevel.Warning, "Schedule {ScheduleKey} of pipeline {PipelineId} could not fire")]
    public static partial void ScheduleFailed(ILogger logger, string pipelineId, string scheduleKey,
        Exception exception);

    [LoggerMessage(Ids.OccurrenceSkipped, LogLevel.Information, "Run {RunId} skipped: an earlier run of {PipelineId} is still active")]
    public static partial void OccurrenceSkipped(ILogger logger, string runId, string pipelineId);

    [LoggerMessage(Ids.CatchUpBounded, LogLevel.Warning,
        "Schedule '{Schedule}' of pipeline {PipelineId} missed more runs than catchUp.maxRuns ({MaxRuns}): the {Dropped} oldest were dropped")]
    public static partial void CatchUpBounded(ILogger logger, string pipelineId, string schedule, int dropped,
        int maxRuns);
}
