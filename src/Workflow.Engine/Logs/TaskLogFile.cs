using System.Text;
using Workflow.Runtime.Logs;

namespace Workflow.Engine.Logs;

/// <summary>A task log that opens its file on the first line, so tasks that log nothing cost no file.</summary>
internal sealed class TaskLogFile(string path) : ITaskLog, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private StreamWriter? _writer;
    private long _bytes;

    public long BytesWritten => Interlocked.Read(ref _bytes);

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (_writer is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                _bytes = stream.Length;
                _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
            }

            _writer.Write(line);
            _writer.Write('\n');
            Interlocked.Add(ref _bytes, Encoding.UTF8.GetByteCount(line) + 1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        StreamWriter? writer;
        lock (_gate)
        {
            writer = _writer;
            _writer = null;
        }

        if (writer is not null)
        {
            await writer.DisposeAsync();
        }
    }
}
