using System.Buffers;
using System.Text;

namespace Workflow.Dag;

/// <summary>
/// The characters of a <see cref="TaskIdTable"/>'s ids, copied side by side into one rented buffer as they are
/// added, so that checking a looked-up id against the one its slot names reads this dense buffer instead of the
/// id's string object. In a 100,000-task definition those strings lie next to their tasks over tens of MB: a
/// dependency lookup waited for one from memory (a fan-out's join makes 100,000 such lookups), the largest single
/// cost of the validator's dependency pass that a 100k definition had and ten 10k ones did not. The copy is one
/// byte per character (valid task ids are ASCII) and one int per id, as writing it is itself a cost at 100k; an id
/// that is not ASCII or is longer than <see cref="MaxLength"/> is compared as a string. Only validation's rented
/// table keeps one: in <see cref="DagIndex"/> the copy's writes cost a chain about what they saved a fan-out.
/// </summary>
internal sealed class IdChars : IDisposable
{
    private const int LengthBits = 7;
    private const int MaxLength = (1 << LengthBits) - 1; // a length of 0 marks an id that was not copied

    private byte[] _bytes;
    private int[] _spans; // by index: where its id starts in _bytes, shifted left by LengthBits, and its length
    private int _used;

    public IdChars(int count)
    {
        // Room for eight characters per id; the buffer doubles when they are longer.
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(64, count * 8));
        _spans = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
    }

    /// <summary>Copies <paramref name="id"/> as the id of <paramref name="index"/>, if it is short ASCII.</summary>
    public void Add(int index, string id)
    {
        if (id.Length is 0 or > MaxLength || _used > (int.MaxValue >> LengthBits) - MaxLength)
        {
            _spans[index] = 0;
            return;
        }

        if (_used + id.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_used + id.Length, _bytes.Length * 2));
            _bytes.AsSpan(0, _used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        var copied = Ascii.FromUtf16(id, _bytes.AsSpan(_used), out _) == OperationStatus.Done;
        _spans[index] = copied ? (_used << LengthBits) | id.Length : 0;
        _used += copied ? id.Length : 0;
    }

    /// <summary>
    /// Whether <paramref name="id"/> is the id added for <paramref name="index"/>; null when that id was not copied.
    /// </summary>
    public bool? Equals(int index, string id)
    {
        var span = _spans[index];
        var length = span & MaxLength;
        return length == 0 ? null : length == id.Length && Ascii.Equals(_bytes.AsSpan(span >> LengthBits, length), id);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<int>.Shared.Return(_spans);
        (_bytes, _spans, _used) = ([], [], 0);
    }
}
