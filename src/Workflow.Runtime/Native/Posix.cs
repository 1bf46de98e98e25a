using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Workflow.Runtime.Native;

/// <summary>
/// The few libc calls .NET does not expose: signalling a whole process group, and opening a file without the
/// advisory <c>flock</c> that <see cref="FileStream"/> takes on Unix (so the data directory's lock file can be read
/// while another process holds it).
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class Posix
{
    public const int SigKill = 9;
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;

    /// <summary>Sends SIGKILL to every process in group <paramref name="processGroup"/>; false when none is left.</summary>
    public static bool KillGroup(int processGroup) => processGroup > 1 && Kill(-processGroup, SigKill) == 0;

    /// <summary>Sends SIGKILL to process <paramref name="processId"/> alone.</summary>
    public static bool KillProcess(int processId) => processId > 1 && Kill(processId, SigKill) == 0;

    /// <summary>Opens <paramref name="path"/> for reading with no lock of its own, or returns null.</summary>
    public static SafeFileHandle? OpenUnlocked(string path)
    {
        var fd = Open(path, ReadOnly | CloseOnExec);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
