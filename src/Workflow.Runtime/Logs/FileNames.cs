namespace Workflow.Runtime.Logs;

/// <summary>Turns run ids and task keys into file names that cannot climb out of their folder or collide.</summary>
internal static class FileNames
{
    public static string Safe(string name)
    {
        var escaped = Uri.EscapeDataString(name);
        return escaped is "." or ".." ? "%2E" + escaped[1..] : escaped;
    }
}
