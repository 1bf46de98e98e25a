namespace Workflow.Model;

/// <summary>
/// Which finished runs of a pipeline are past retention: those that finished before <see cref="Runs"/> lose
/// everything (history, attempts, logs, outputs), and those that finished before <see cref="Logs"/> lose their logs.
/// Both hosts purge by this one rule; a pipeline without <c>retention</c> keeps runs for the host's default, and its
/// logs for as long as its runs.
/// </summary>
public sealed record RetentionCutoffs(DateTimeOffset Runs, DateTimeOffset Logs)
{
    /// <summary>How long finished runs are kept when neither the pipeline nor the host says otherwise.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    public static RetentionCutoffs For(RetentionPolicy? policy, TimeSpan fallback, DateTimeOffset now)
    {
        var runs = policy?.Runs ?? fallback;
        var logs = policy?.Logs ?? runs;
        return new RetentionCutoffs(Before(now, runs), Before(now, logs < runs ? logs : runs));
    }

    /// <summary>
    /// A retention stored before it had an upper bound may reach before the Unix epoch (millions of days would reach
    /// before the first instant .NET represents, and the purge would throw): no run finished then, so the epoch keeps
    /// everything, and every store can query it.
    /// </summary>
    private static DateTimeOffset Before(DateTimeOffset now, TimeSpan kept) =>
        kept >= now - DateTimeOffset.UnixEpoch ? DateTimeOffset.UnixEpoch : now - kept;
}
