using System.Globalization;
using Workflow.Runtime.Native;

namespace Workflow.Runtime.Handlers.Process;

/// <summary>
/// Finds and kills the processes a previous host on the same data directory left running when it died: every
/// process whose environment carries <see cref="ProcessTaskOptions.DataDirectoryVariable"/> with this directory,
/// with its whole process group (so grandchildren that changed their environment die too). Linux only: it reads
/// <c>/proc</c>. The caller holds the data directory's lock, so no live host owns these processes.
/// </summary>
internal static class ProcessOrphans
{
    /// <summary>Kills the orphans of <paramref name="dataDirectory"/>; returns how many processes were found.</summary>
    public static int Kill(string dataDirectory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var marker = $"{ProcessTaskOptions.DataDirectoryVariable}={dataDirectory}";
        var self = Environment.ProcessId;
        var ownGroup = GroupOf(self);
        var found = 0;
        foreach (var pid in ProcessIds())
        {
            if (pid == self || !HasVariable(pid, marker) || GroupOf(pid) is not { } group)
            {
                continue;
            }

            found++;
            // Never our own group: a child started without setsid shares its host's group, and the host that
            // restarted it may share that too (the same shell or service manager).
            if (group == ownGroup || !Posix.KillGroup(group))
            {
                Posix.KillProcess(pid);
            }
        }

        return found;
    }

    private static IEnumerable<int> ProcessIds()
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static bool HasVariable(int pid, string entry)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(entry, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // Gone meanwhile, or another user's.
        }
    }

    /// <summary>The process group: the fifth field of <c>/proc/PID/stat</c>, counted after the command's ')'.</summary>
    private static int? GroupOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[2], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
