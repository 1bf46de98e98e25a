namespace Workflow.Engine.Logs;

/// <summary>
/// The line an attempt's log ends with when the engine stopped it for a reason its user must see there (its
/// timeout, <c>RunTask.TimedOut</c>): without it, the log of a timed-out attempt just stops. The worker that holds
/// the log writes it; when no worker holds it (the attempt was still queued, or its worker had finished), the
/// canceller appends it here.
/// </summary>
internal static class CancelNotes
{
    public static string Line(string reason) => $"[workflow] Cancelled: {reason}";

    /// <summary>Appends the line to the attempt's log file, off the commit thread that cancelled the attempt.</summary>
    public static void AppendLater(LogStore logs, string runId, string taskKey, int attempt, string reason) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await using var log = logs.Open(runId, taskKey, attempt);
                log.WriteLine(Line(reason));
            }
            catch (IOException)
            {
                // The run's logs were removed meanwhile (retention): there is nothing left to add to.
            }
            catch (UnauthorizedAccessException)
            {
                // The same, on a file system that refuses instead.
            }
        });
}
