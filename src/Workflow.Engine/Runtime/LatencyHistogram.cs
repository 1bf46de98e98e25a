using System.Diagnostics;

namespace Workflow.Engine.Runtime;

/// <summary>
/// How long each commit took, in buckets about 2 % wide on a log scale: percentiles of a long run from a fixed
/// array, not a list that grows with every batch. One thread records; a reader's copy may miss the latest counts.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int BucketsPerDoubling = 32;
    private readonly long[] _counts = new long[64 * BucketsPerDoubling];
    private long _maxTicks;

    /// <summary>Records one duration, in <see cref="Stopwatch"/> ticks.</summary>
    public void Record(long ticks)
    {
        var bucket = ticks <= 1 ? 0 : (int)(Math.Log2(ticks) * BucketsPerDoubling);
        Interlocked.Increment(ref _counts[Math.Min(bucket, _counts.Length - 1)]);
        if (ticks > Interlocked.Read(ref _maxTicks))
        {
            Interlocked.Exchange(ref _maxTicks, ticks);
        }
    }

    public long Count => _counts.Sum();

    public TimeSpan Max => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _maxTicks));

    /// <summary>The duration at or below which <paramref name="fraction"/> of the recorded ones fall (the bucket's top).</summary>
    public TimeSpan Percentile(double fraction)
    {
        var counts = _counts.ToArray();
        var rank = (long)Math.Ceiling(Math.Clamp(fraction, 0, 1) * counts.Sum());
        long seen = 0;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            seen += counts[bucket];
            if (seen >= Math.Max(1, rank))
            {
                var top = (long)Math.Ceiling(Math.Pow(2, (bucket + 1) / (double)BucketsPerDoubling));
                return Stopwatch.GetElapsedTime(0, Math.Min(top, Interlocked.Read(ref _maxTicks)));
            }
        }

        return TimeSpan.Zero;
    }

    /// <summary>Forgets what was recorded: for a measurement that should leave out the start-up's commits.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Interlocked.Exchange(ref _maxTicks, 0);
    }
}
