namespace Workflow.Engine.Runtime;

/// <summary>
/// A worker's claim on a work item. The token tells a current completion from a late one: only the holder of the
/// live lease may record the outcome. Heartbeats move the expiry forward. It also hands the attempt's log between
/// its worker and a canceller, so the reason for a cancellation is written once, by whichever still can.
/// </summary>
internal sealed class Lease(WorkItem item, long token, DateTimeOffset expiresAt, bool autoHeartbeat) : IDisposable
{
    private readonly Lock _logGate = new();
    private long _expiresAtTicks = expiresAt.UtcTicks;
    private string? _cancelReason;
    private bool _logClosed;
    private bool _logSaysWhy;

    public WorkItem Item { get; } = item;
    public long Token { get; } = token;
    public bool AutoHeartbeat { get; } = autoHeartbeat;
    public CancellationTokenSource Cancellation { get; } = new();

    public DateTimeOffset ExpiresAt => new(Interlocked.Read(ref _expiresAtTicks), TimeSpan.Zero);

    public void Extend(DateTimeOffset until) => Interlocked.Exchange(ref _expiresAtTicks, until.UtcTicks);

    public void Cancel()
    {
        try
        {
            Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt already finished.
        }
    }

    /// <summary>
    /// Cancels the attempt with a reason its log must show (its timeout). True when the worker sees to it: it writes
    /// the reason as the last line of the log it holds, or its log already says why the attempt ended. False when
    /// the worker is done with the log without that, and the caller appends the reason.
    /// </summary>
    public bool Cancel(string reason)
    {
        bool seenTo;
        lock (_logGate)
        {
            seenTo = !_logClosed || _logSaysWhy;
            _cancelReason = _logClosed ? _cancelReason : reason;
        }

        Cancel();
        return seenTo;
    }

    /// <summary>
    /// The worker is done writing the attempt's log, which ends with why the attempt ended when
    /// <paramref name="saysWhy"/> (the executor's own timeout line). Returns the reason the attempt was cancelled
    /// with, if any, for the worker to write; one given later is the canceller's (<see cref="Cancel(string)"/>).
    /// </summary>
    public string? CloseLog(bool saysWhy)
    {
        lock (_logGate)
        {
            _logClosed = true;
            _logSaysWhy |= saysWhy;
            return _cancelReason;
        }
    }

    public void Dispose() => Cancellation.Dispose();
}
