using System.Globalization;
using System.Text;

namespace Workflow.Runtime.Logs;

/// <summary>
/// An attempt's log that stops at <see cref="TaskLogOptions.MaxBytesPerAttempt"/>: the line that would pass the
/// limit is replaced by one saying the log was cut, and every later line is dropped. The limit counts what the log
/// already held, so a redelivered attempt, which appends to the same log, shares it.
/// </summary>
public sealed class CappedTaskLog : ITaskLog
{
    private readonly Lock _gate = new();
    private readonly ITaskLog _inner;
    private readonly long _maxBytes;
    private bool _cut;

    private CappedTaskLog(ITaskLog inner, long maxBytes)
    {
        _inner = inner;
        _maxBytes = maxBytes;
    }

    public long BytesWritten => _inner.BytesWritten;

    /// <summary><paramref name="log"/> itself when <paramref name="maxBytes"/> sets no limit.</summary>
    public static ITaskLog Wrap(ITaskLog log, long maxBytes) => maxBytes > 0 ? new CappedTaskLog(log, maxBytes) : log;

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (_cut)
            {
                return;
            }

            if (_inner.BytesWritten + Encoding.UTF8.GetByteCount(line) + 1 <= _maxBytes)
            {
                _inner.WriteLine(line);
                return;
            }

            _cut = true;
            _inner.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[workflow] The log was cut here: it reached its limit of {_maxBytes:N0} bytes " +
                $"({TaskLogOptions.Section}:MaxBytesPerAttempt). The task goes on; its later lines are not kept."));
        }
    }
}
