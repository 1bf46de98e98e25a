using System.Diagnostics;

namespace Workflow.Engine.Runtime;

/// <summary>How well commits are grouped and where the writer's time goes, for the benchmark.</summary>
internal sealed class WriteStats
{
    private long _applyTicks;
    private long _commitTicks;
    private long _batches;
    private long _ops;

    public long Batches => Interlocked.Read(ref _batches);

    public long OpsApplied => Interlocked.Read(ref _ops);

    public TimeSpan ApplyTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _applyTicks));

    public TimeSpan CommitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks));

    public void Applied(long since) => Interlocked.Add(ref _applyTicks, Stopwatch.GetTimestamp() - since);

    /// <summary>Each commit's time (its checkpoint included, when it ran one), for the benchmark's percentiles.</summary>
    public LatencyHistogram CommitLatency { get; } = new();

    public void Committing(long since)
    {
        var ticks = Stopwatch.GetTimestamp() - since;
        Interlocked.Add(ref _commitTicks, ticks);
        CommitLatency.Record(ticks);
    }

    public void Finished(int ops)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _ops, ops);
    }
}
