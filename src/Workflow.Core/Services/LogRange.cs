namespace Workflow.Services;

/// <summary>
/// The part of an attempt's log to read: up to <see cref="MaxBytes"/> from a byte offset, or the last bytes of the
/// log (a tail). Both hosts' log stores place it in a log of a given size with the same rule, so a range reads the
/// same bytes from a file and from a blob; a negative offset is not a tail but an error.
/// </summary>
public readonly record struct LogRange
{
    private LogRange(long offset, long? tail, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        (Offset, Tail, MaxBytes) = (offset, tail, maxBytes);
    }

    /// <summary>The byte to start from, when the range is not a tail.</summary>
    public long Offset { get; }

    /// <summary>How many bytes before the end the range starts, when it is a tail.</summary>
    public long? Tail { get; }

    public int MaxBytes { get; }

    /// <summary>Up to <paramref name="maxBytes"/> from <paramref name="offset"/> (past the end reads nothing).</summary>
    public static LogRange From(long offset, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return new LogRange(offset, null, maxBytes);
    }

    /// <summary>
    /// Up to <paramref name="maxBytes"/> from <paramref name="bytes"/> before the end, or from the start of a shorter
    /// log.
    /// </summary>
    public static LogRange LastBytes(long bytes, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        return new LogRange(0, bytes, maxBytes);
    }

    /// <summary>Where the range starts in a log of <paramref name="total"/> bytes.</summary>
    public long StartIn(long total) => Tail is { } tail ? Math.Max(0, total - tail) : Math.Min(Offset, total);

    /// <summary>How many bytes the range covers in a log of <paramref name="total"/> bytes.</summary>
    public int LengthIn(long total) => (int)Math.Min(MaxBytes, total - StartIn(total));

    /// <summary>
    /// The chunk this range read from a log of <paramref name="total"/> bytes. It is complete when the attempt has
    /// <paramref name="finished"/> (no more will be written) and the range reached the end.
    /// </summary>
    public LogChunk Chunk(long total, string text, bool finished)
    {
        var start = StartIn(total);
        return new LogChunk(start, total, text, finished && start + LengthIn(total) >= total);
    }
}
