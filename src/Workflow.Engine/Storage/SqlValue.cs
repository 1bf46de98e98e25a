using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Workflow.Engine.Storage;

/// <summary>
/// A parameter value of a hot statement, already in the form SQLite takes: an integer, a real, UTF-8 text or a
/// blob. The writer thread encodes text while it records a write, so the commit thread only binds bytes.
/// </summary>
internal readonly struct SqlValue
{
    private readonly long _number;
    private readonly byte[]? _bytes;

    private SqlValue(SqlType type, long number, byte[]? bytes)
    {
        Type = type;
        _number = number;
        _bytes = bytes;
    }

    public SqlType Type { get; }

    public long Integer => _number;

    public double Real => BitConverter.Int64BitsToDouble(_number);

    public ReadOnlySpan<byte> Bytes => _bytes;

    public static SqlValue Null => default;

    public static SqlValue Of(long value) => new(SqlType.Integer, value, null);

    public static SqlValue Of(long? value) => value is { } v ? Of(v) : Null;

    public static SqlValue Of(double value) => new(SqlType.Real, BitConverter.DoubleToInt64Bits(value), null);

    public static SqlValue Text(string? value) =>
        value is null ? Null : new(SqlType.Text, 0, Encoding.UTF8.GetBytes(value));

    /// <summary>Text already encoded as UTF-8; the array must not change afterwards.</summary>
    public static SqlValue Utf8(byte[]? value) => value is null ? Null : new(SqlType.Text, 0, value);

    /// <summary>A JSON value's raw text, taken as UTF-8 straight from its document.</summary>
    public static SqlValue Json(JsonElement? value) =>
        value is { } element ? Utf8(JsonMarshal.GetRawUtf8Value(element).ToArray()) : Null;

    public static SqlValue Blob(byte[] value) => new(SqlType.Blob, 0, value);

    /// <summary>
    /// True when binding this value where <paramref name="other"/> is bound would change nothing: the same type and
    /// number, or the same array of bytes (arrays given to a value are not changed afterwards).
    /// </summary>
    public bool SameAs(in SqlValue other) =>
        Type == other.Type && _number == other._number && ReferenceEquals(_bytes, other._bytes);
}

/// <summary>The storage classes a <see cref="SqlValue"/> binds as.</summary>
internal enum SqlType : byte
{
    Null,
    Integer,
    Real,
    Text,
    Blob,
}
