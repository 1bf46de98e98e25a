using Microsoft.Extensions.Logging;

namespace Workflow.Engine;

/// <summary>The start gate's part of the engine's log messages (event ids 4550-4579).</summary>
internal static partial class Log
{
    [LoggerMessage(Ids.StartGateFailed, LogLevel.Warning, "The start gate's pass failed; the next pass tries again")]
    public static partial void StartGateFailed(ILogger logger, Exception exception);

    [LoggerMessage(Ids.BackfillStarted, LogLevel.Information,
        "Backfill {BackfillId} of pipeline {PipelineId}: {Total} occurrences of schedule {Schedule}, {Existing} already run")]
    public static partial void BackfillStarted(ILogger logger, string backfillId, string pipelineId, int total,
        string schedule, int existing);

    [LoggerMessage(Ids.QueuedRunStarted, LogLevel.Information, "Queued run {RunId} started: the earlier runs have ended")]
    public static partial void QueuedRunStarted(ILogger logger, string runId);

    [LoggerMessage(Ids.BackfillRunRefused, LogLevel.Warning, "Run {RunId} of backfill {BackfillId} cannot start: {Reason}")]
    public static partial void BackfillRunRefused(ILogger logger, string runId, string backfillId, string reason);
}
