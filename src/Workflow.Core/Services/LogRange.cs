using System.Text;

namespace Workflow.Services;

/// <summary>
/// The part of an attempt's log to read: up to <see cref="MaxBytes"/> from a byte offset, or the last bytes of the
/// log (a tail). Both hosts' log stores place it in a log of a given size with the same rule, so a range reads the
/// same bytes from a file and from a blob; a negative offset is not a tail but an error.
/// </summary>
public readonly record struct LogRange
{
    /// <summary>The most bytes a UTF-8 character has after its first.</summary>
    private const int MaxContinuationBytes = 3;

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
    /// How many bytes a store reads for the range in a log of <paramref name="total"/> bytes: its length, and up to
    /// three more, so that <see cref="Chunk"/> can finish a character the range's end splits.
    /// </summary>
    public int ReadLengthIn(long total) =>
        (int)Math.Min(LengthIn(total) + MaxContinuationBytes, total - StartIn(total));

    /// <summary>
    /// The chunk this range read from a log of <paramref name="total"/> bytes; <paramref name="read"/> holds the
    /// bytes from the range's start (<see cref="ReadLengthIn"/> of them). Its text is the characters whose first byte
    /// is inside the range: a character the start splits was the previous chunk's, and one the end splits is
    /// finished from the bytes after it. So chunks read one after another at offset + the range's length, or a tail
    /// starting inside a character, never show a character broken in two, and each character once. It is complete
    /// when the attempt has <paramref name="finished"/> (no more will be written) and the range reached the end.
    /// </summary>
    public LogChunk Chunk(long total, ReadOnlySpan<byte> read, bool finished)
    {
        var start = StartIn(total);
        var length = Math.Min(LengthIn(total), read.Length);
        var from = 0;
        while (start > 0 && from < Math.Min(length, MaxContinuationBytes) && IsContinuation(read[from]))
        {
            from++;
        }

        // Only a character that starts in the range is finished past its end: a range that holds nothing but the
        // inside of one character shows nothing.
        var to = length;
        while (from < length && to < read.Length && to - length < MaxContinuationBytes && IsContinuation(read[to]))
        {
            to++;
        }

        var text = from < to ? Encoding.UTF8.GetString(read[from..to]) : string.Empty;
        return new LogChunk(start, total, text, finished && start + LengthIn(total) >= total);
    }

    /// <summary>A byte inside a UTF-8 character, after its first (10xxxxxx).</summary>
    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;
}
