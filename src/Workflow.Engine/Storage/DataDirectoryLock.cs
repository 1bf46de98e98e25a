using System.Globalization;
using System.Text;
using Workflow.Runtime.Native;

namespace Workflow.Engine.Storage;

/// <summary>
/// One writer per store: an exclusive OS lock on <c>workflow.lock</c> in the data directory, held for as long as
/// this object lives. On Unix <see cref="FileShare.None"/> is an <c>flock(LOCK_EX)</c>, which the kernel drops
/// when the process dies, even by SIGKILL, so a crashed host never blocks its successor. The holder writes its
/// process id into the file so that a refused host can name it.
/// </summary>
public sealed class DataDirectoryLock(SqliteStore store) : IDisposable
{
    public const string FileName = "workflow.lock";
    private readonly Lock _gate = new();
    private FileStream? _held;

    public string Path { get; } = System.IO.Path.Combine(store.DataDirectory, FileName);

    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _held is not null;
            }
        }
    }

    /// <summary>Takes the lock, or does nothing if this instance holds it already.</summary>
    /// <exception cref="DataDirectoryLockedException">Another process holds it.</exception>
    public void Acquire()
    {
        lock (_gate)
        {
            if (_held is not null)
            {
                return;
            }

            FileStream file;
            try
            {
                file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                throw new DataDirectoryLockedException(store.DataDirectory, ReadHolder());
            }

            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            file.Flush(flushToDisk: true);
            _held = file;
        }
    }

    private int? ReadHolder()
    {
        // Only on Linux: the open(2) flags below are Linux's.
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        using var handle = Posix.OpenUnlocked(Path);
        if (handle is null)
        {
            return null;
        }

        var buffer = new byte[32];
        var read = RandomAccess.Read(handle, buffer, 0);
        return int.TryParse(Encoding.ASCII.GetString(buffer, 0, read).Trim(), NumberStyles.None,
            CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _held?.Dispose();
            _held = null;
        }
    }
}
