using System.Collections.Concurrent;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The live leases by idempotency key. Completing and expiring both remove the lease only if it is still the one
/// they hold, so exactly one of them wins: a completion is recorded once, and a late one is recognised.
/// </summary>
internal sealed class LeaseTable
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private long _nextToken;

    public int Count => _leases.Count;

    public Lease Grant(WorkItem item, DateTimeOffset expiresAt, bool autoHeartbeat)
    {
        var lease = new Lease(item, Interlocked.Increment(ref _nextToken), expiresAt, autoHeartbeat);
        _leases[item.Key] = lease;
        return lease;
    }

    public bool IsCurrent(Lease lease) => _leases.TryGetValue(lease.Item.Key, out var current) && current == lease;

    /// <summary>Removes the lease if it is still current: the caller then owns the outcome.</summary>
    public bool TryRelease(Lease lease) => _leases.TryRemove(KeyValuePair.Create(lease.Item.Key, lease));

    public bool TryGet(string key, out Lease lease) => _leases.TryGetValue(key, out lease!);

    public IEnumerable<Lease> Snapshot() => _leases.Values;
}
