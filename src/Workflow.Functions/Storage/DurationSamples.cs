namespace Workflow.Functions.Storage;

/// <summary>
/// The recent successful durations of one task, as a host without SQL keeps them: one small document per task,
/// oldest first, holding at most the newest <c>keep</c> samples, so reading a pipeline's history costs one read
/// per task however many runs there were.
/// </summary>
public sealed record DurationSamples(IReadOnlyList<long> Milliseconds)
{
    public static DurationSamples Empty { get; } = new([]);

    public IReadOnlyList<TimeSpan> Durations => [.. Milliseconds.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>These samples with <paramref name="duration"/> appended and the oldest dropped beyond <paramref name="keep"/>.</summary>
    public DurationSamples Add(TimeSpan duration, int keep)
    {
        keep = Math.Max(1, keep);
        var all = Milliseconds.Append(Math.Max(0, (long)duration.TotalMilliseconds)).ToList();
        return new DurationSamples(all.Count > keep ? all.GetRange(all.Count - keep, keep) : all);
    }
}
