namespace Workflow.Engine.Runtime;

/// <summary>
/// A worker's claim on a work item. The token tells a current completion from a late one: only the holder of the
/// live lease may record the outcome. Heartbeats move the expiry forward.
/// </summary>
internal sealed class Lease(WorkItem item, long token, DateTimeOffset expiresAt, bool autoHeartbeat) : IDisposable
{
    private long _expiresAtTicks = expiresAt.UtcTicks;

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

    public void Dispose() => Cancellation.Dispose();
}
