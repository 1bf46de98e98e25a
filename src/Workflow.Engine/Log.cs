using Microsoft.Extensions.Logging;

namespace Workflow.Engine;

/// <summary>The engine's log messages. Event ids are stable: dashboards and alerts may key on them.</summary>
internal static partial class Log
{
    [LoggerMessage(Ids.MigrationApplied, LogLevel.Information, "Applied schema migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(Ids.MigrationStarting, LogLevel.Information,
        "Applying schema migration {Version} ({Name})")]
    public static partial void MigrationStarting(ILogger logger, int version, string name);

    [LoggerMessage(Ids.Recovered, LogLevel.Information,
        "Engine started: resumed {Runs} active runs, {WorkItems} queued attempts and {Timers} timers")]
    public static partial void Recovered(ILogger logger, int runs, int workItems, int timers);

    [LoggerMessage(Ids.StoreFailed, LogLevel.Critical, "The store failed; the engine stopped writing and must be restarted")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(Ids.StoreBusy, LogLevel.Warning, "A commit found the store locked by another connection past the busy timeout; retry {Attempt} of {Retries}")]
    public static partial void StoreBusy(ILogger logger, int attempt, int retries);

    [LoggerMessage(Ids.WalCheckpointFailed, LogLevel.Warning, "A WAL checkpoint failed with SQLite code {Code}: {Message}; the next one tries again")]
    public static partial void WalCheckpointFailed(ILogger logger, int code, string message);

    [LoggerMessage(Ids.WalCheckpointedOnCommit, LogLevel.Debug,
        "The WAL held {WalPages} pages, past its limit of {LimitPages}; the commit thread finished its checkpoint and restarted it")]
    public static partial void WalCheckpointedOnCommit(ILogger logger, int walPages, int limitPages);

    [LoggerMessage(Ids.WriteOpFailed, LogLevel.Warning, "{Operation} was rejected: {Message}")]
    public static partial void WriteOpFailed(ILogger logger, string operation, string message);

    [LoggerMessage(Ids.LeaseExpired, LogLevel.Warning, "The lease {Token} on {Key} expired without a heartbeat; the attempt is queued again")]
    public static partial void LeaseExpired(ILogger logger, string key, long token);

    [LoggerMessage(Ids.LateCompletionIgnored, LogLevel.Warning,
        "Ignored a late completion ({Outcome}) of {Key} under lease {Token}: the lease had expired and the attempt was re-delivered")]
    public static partial void LateCompletionIgnored(ILogger logger, string key, long token, string outcome);

    [LoggerMessage(Ids.ObserverFailed, LogLevel.Error, "Run observer {Observer} threw")]
    public static partial void ObserverFailed(ILogger logger, string observer, Exception exception);

    [LoggerMessage(Ids.StopTimedOut, LogLevel.Warning, "The engine did not stop within its grace period")]
    public static partial void StopTimedOut(ILogger logger);

    [LoggerMessage(Ids.SnapshotUnreadable, LogLevel.Error, "The snapshot of run {RunId} could not be read ({Message}); replaying all its events")]
    public static partial void SnapshotUnreadable(ILogger logger, string runId, string message);

    [LoggerMessage(Ids.SnapshotNotSaved, LogLevel.Warning, "The final snapshot of run {RunId} was not saved ({Message}); reads replay its events instead")]
    public static partial void SnapshotNotSaved(ILogger logger, string runId, string message);

    [LoggerMessage(Ids.ChildPipelineMissing, LogLevel.Warning, "Run {RunId} asked for a child run of pipeline {PipelineId}, which does not exist")]
    public static partial void ChildPipelineMissing(ILogger logger, string runId, string pipelineId);

    [LoggerMessage(Ids.ChildParametersRefused, LogLevel.Warning, "Run {RunId} gave child pipeline {PipelineId} parameters it refuses: {Problems}")]
    public static partial void ChildParametersRefused(ILogger logger, string runId, string pipelineId, string problems);

    [LoggerMessage(Ids.ChildPipelineRefused, LogLevel.Warning, "Run {RunId} asked for a child run of pipeline {PipelineId} of group {ChildGroup}, which a pipeline of group {ParentGroup} may not start")]
    public static partial void ChildPipelineRefused(ILogger logger, string runId, string pipelineId, string childGroup, string parentGroup);

    [LoggerMessage(Ids.Purged, LogLevel.Information, "Retention purge removed {Runs} runs")]
    public static partial void Purged(ILogger logger, int runs);

    [LoggerMessage(Ids.Swept, LogLevel.Information, "Retention purge removed {Rows} rows from {Table}")]
    public static partial void Swept(ILogger logger, string table, int rows);

    [LoggerMessage(Ids.PurgeFailed, LogLevel.Error, "Retention purge failed")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Ids.OrphansKilled, LogLevel.Warning,
        "Killed {Count} processes that a previous host on {DataDirectory} left running, with their process groups")]
    public static partial void OrphansKilled(ILogger logger, int count, string dataDirectory);
}
