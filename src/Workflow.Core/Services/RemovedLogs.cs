using System.Globalization;
using Workflow.Json;
using Workflow.Model;

namespace Workflow.Services;

/// <summary>
/// The one rule both hosts use for a log that is gone: an attempt that wrote bytes (<see
/// cref="TaskAttemptRecord.LogBytes"/> above 0) but whose log is no longer stored was removed, not empty. A store
/// checks this only when it finds no log, so reading a log that is there costs nothing more.
/// </summary>
public static class RemovedLogs
{
    /// <summary>Whether a missing log of <paramref name="attempt"/> was removed rather than never written.</summary>
    public static bool WasWritten(TaskAttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return attempt.LogBytes > 0;
    }

    /// <summary>
    /// The embedded engine's answer: <c>retention.logs</c> of <paramref name="policy"/> removed the log once the run
    /// had been finished that long (the purge's rule, <see cref="RetentionCutoffs"/>). Without such a policy, or when
    /// its expiry is not yet past (it changed since, or the log was deleted by hand), the answer says only that the
    /// log was removed.
    /// </summary>
    public static GoneException Expired(TaskAttemptRecord attempt, DateTimeOffset? runFinishedAt,
        RetentionPolicy? policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var kept = policy?.Logs;
        var expiredAt = runFinishedAt + kept;
        return kept is { } retention && expiredAt is { } at && at <= now
            ? new GoneException($"{What(attempt)} expired at {Utc(at)}: the pipeline's " +
                                $"retention.logs of {Duration.Format(retention)} removed it after the run finished.")
            : new GoneException($"{What(attempt)} has been removed from the host's log store.");
    }

    /// <summary>
    /// The Azure app's answer: it keeps logs as blobs that go with their run or by the storage lifecycle rule on the
    /// logs container, so it names both.
    /// </summary>
    public static GoneException BlobGone(TaskAttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new GoneException($"{What(attempt)} is no longer stored: its log blob was removed, by the run's " +
                                 "purge or by the storage lifecycle rule of the logs container.");
    }

    private static string Utc(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string What(TaskAttemptRecord a) =>
        $"The log of attempt {a.Attempt} of task '{a.TaskKey}' in run '{a.RunId}' ({a.LogBytes} bytes)";
}
