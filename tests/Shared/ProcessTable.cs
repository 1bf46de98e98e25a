using System.Globalization;

namespace Workflow.Tests.Shared;

/// <summary>Reads <c>/proc</c> directly, to check from outside the code under test which processes are alive.</summary>
internal static class ProcessTable
{
    /// <summary>A zombie (killed, not yet reaped) counts as dead.</summary>
    public static bool IsAlive(int pid) => Stat(pid) is { } fields && fields[0] != "Z";

    /// <summary>The process group of <paramref name="pid"/>, or null once it is gone.</summary>
    public static int? GroupOf(int pid) =>
        Stat(pid) is { } fields ? int.Parse(fields[2], CultureInfo.InvariantCulture) : null;

    /// <summary>The fields of <c>/proc/PID/stat</c> after the command name: state, parent, group, …</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
