using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Heartbeats the leases of handlers that leave heartbeating to the worker, and takes back the leases that expired:
/// the attempt is cancelled and its work item queued again, so it is delivered at least once. A completion that
/// arrives later from the old delivery no longer holds the lease and is ignored.
/// </summary>
internal sealed class LeaseKeeper(LeaseTable leases, Dispatcher dispatcher, EngineOptions options, TimeProvider time,
    ILogger logger)
{
    public TimeSpan Interval => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(20).Ticks,
        options.LeaseDuration.Ticks / 4));

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Check();
        }
    }

    public void Check()
    {
        var now = time.GetUtcNow();
        foreach (var lease in leases.Snapshot())
        {
            if (lease.AutoHeartbeat)
            {
                lease.Extend(now + options.LeaseDuration);
            }
            else if (lease.ExpiresAt <= now && leases.TryRelease(lease))
            {
                Log.LeaseExpired(logger, lease.Item.Key, lease.Token);
                lease.Cancel();
                if (!lease.Item.Cancelled)
                {
                    dispatcher.Enqueue(lease.Item);
                }
            }
        }
    }
}
