using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Workflow.Execution;

namespace Workflow.Engine.Storage;

/// <summary>
/// How <c>run_events.body</c> holds an event. The events a run has thousands of (an attempt succeeded or failed, a
/// timer fired) are a BLOB in a compact binary form that begins with <see cref="Version"/>; every other event, and
/// every row the previous versions wrote, is the decider's JSON as TEXT. Readers tell the two apart by the
/// value's storage class, so a database written by an older engine still opens.
/// </summary>
/// <remarks>
/// Version 1: the version byte, a kind byte, the instant (UTC ticks as int64, offset minutes as int16), then the
/// fields in declaration order: strings as an int32 byte length and UTF-8, integers as int32, an optional JSON value
/// as a presence byte and, when present, a string of its UTF-8 text. All little-endian.
/// </remarks>
internal static class RunEventCodec
{
    public const byte Version = 1;
    private const int Header = 12;

    public static SqlValue Encode(RunEvent @event) => @event switch
    {
        TaskSucceeded e => SqlValue.Blob(Succeeded(e)),
        TaskFailed e => SqlValue.Blob(Failed(e)),
        TimerFired e => SqlValue.Blob(Fired(e)),
        _ => SqlValue.Utf8(JsonSerializer.SerializeToUtf8Bytes(@event, RunJsonContext.Default.RunEvent)),
    };

    /// <summary>An event from a BLOB body (this version) or TEXT body (the decider's JSON, as older engines wrote).</summary>
    public static RunEvent Decode(object body) => body switch
    {
        byte[] blob => Decode(blob),
        string json => RunJson.DeserializeEvent(json),
        _ => throw new InvalidDataException($"A run event body is {body.GetType().Name}; expected text or a blob."),
    };

    public static RunEvent Decode(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < Header || blob[0] != Version)
        {
            throw new InvalidDataException(blob.Length == 0
                ? "A run event body is an empty blob."
                : $"A run event body has format version {blob[0]}; this engine reads version {Version}. " +
                  "It was written by a newer engine.");
        }

        var reader = new Reader(blob[2..]);
        var at = new DateTimeOffset(reader.Int64(), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.Int16()));
        return (Kind)blob[1] switch
        {
            Kind.TaskSucceeded => new TaskSucceeded(at, reader.String(), reader.Int32(), reader.Json()),
            Kind.TaskFailed => new TaskFailed(at, reader.String(), reader.Int32(), reader.String(), reader.String()),
            Kind.TimerFired => new TimerFired(at, reader.String()),
            var kind => throw new InvalidDataException($"A run event body has unknown kind {(byte)kind}."),
        };
    }

    private static byte[] Succeeded(TaskSucceeded e)
    {
        // A JSON null round-trips through the decider's JSON as no output; the binary form does the same.
        var output = e.Output is { ValueKind: not JsonValueKind.Null } element
            ? JsonMarshal.GetRawUtf8Value(element)
            : default;
        var present = e.Output is { ValueKind: not JsonValueKind.Null };
        var writer = new Writer(Kind.TaskSucceeded, e.At,
            Writer.Size(e.TaskKey) + 4 + 1 + (present ? 4 + output.Length : 0));
        writer.String(e.TaskKey);
        writer.Int32(e.Attempt);
        writer.Byte(present ? (byte)1 : (byte)0);
        if (present)
        {
            writer.Bytes(output);
        }

        return writer.Done();
    }

    private static byte[] Failed(TaskFailed e)
    {
        var writer = new Writer(Kind.TaskFailed, e.At,
            Writer.Size(e.TaskKey) + 4 + Writer.Size(e.ErrorKind) + Writer.Size(e.Message));
        writer.String(e.TaskKey);
        writer.Int32(e.Attempt);
        writer.String(e.ErrorKind);
        writer.String(e.Message);
        return writer.Done();
    }

    private static byte[] Fired(TimerFired e)
    {
        var writer = new Writer(Kind.TimerFired, e.At, Writer.Size(e.TimerId));
        writer.String(e.TimerId);
        return writer.Done();
    }

    private enum Kind : byte
    {
        TaskSucceeded = 1,
        TaskFailed = 2,
        TimerFired = 3,
    }

    private ref struct Writer
    {
        private readonly byte[] _buffer;
        private int _at;

        public Writer(Kind kind, DateTimeOffset at, int bodySize)
        {
            _buffer = new byte[Header + bodySize];
            _buffer[0] = Version;
            _buffer[1] = (byte)kind;
            _at = 2;
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_at), at.UtcTicks);
            _at += 8;
            BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_at), (short)at.Offset.TotalMinutes);
            _at += 2;
        }

        public static int Size(string value) => 4 + Encoding.UTF8.GetByteCount(value);

        public void Byte(byte value) => _buffer[_at++] = value;

        public void Int32(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_at), value);
            _at += 4;
        }

        public void String(string value)
        {
            var length = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_at + 4));
            Int32(length);
            _at += length;
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Int32(value.Length);
            value.CopyTo(_buffer.AsSpan(_at));
            _at += value.Length;
        }

        public readonly byte[] Done() => _at == _buffer.Length
            ? _buffer
            : throw new InvalidOperationException("A run event was encoded to a different size than measured.");
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public short Int16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public string String() => Encoding.UTF8.GetString(Take(Int32()));

        public JsonElement? Json()
        {
            if (Take(1)[0] == 0)
            {
                return null;
            }

            var reader = new Utf8JsonReader(Take(Int32()));
            return JsonElement.ParseValue(ref reader);
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || _at + count > _data.Length)
            {
                throw new InvalidDataException("A run event body is shorter than its fields say.");
            }

            var span = _data.Slice(_at, count);
            _at += count;
            return span;
        }
    }
}
