using System.Text.Json.Nodes;

namespace Workflow.Host.Tests.EndToEnd;

/// <summary>JSON pipelines of independent <c>sh -c</c> process tasks, for the tests that crash real hosts.</summary>
internal static class ShellPipelines
{
    /// <summary>A pipeline of group <c>data-eng</c> with <paramref name="width"/> tasks t0, t1, … that each run
    /// <paramref name="script"/>, with <paramref name="timeout"/> when given.</summary>
    public static JsonObject Define(string id, int width, string script, string? timeout = null)
    {
        var tasks = new JsonArray();
        for (var i = 0; i < width; i++)
        {
            var task = new JsonObject
            {
                ["id"] = $"t{i}",
                ["kind"] = "process",
                ["config"] = new JsonObject { ["command"] = "sh", ["args"] = new JsonArray("-c", script) },
            };
            if (timeout is not null)
            {
                task["timeout"] = timeout;
            }

            tasks.Add(task);
        }

        return new JsonObject { ["id"] = id, ["ownerGroup"] = "data-eng", ["tasks"] = tasks };
    }

    /// <summary>The lines written so far to a file the tasks append to (none when it does not exist yet).</summary>
    public static List<string> Lines(string path) => File.Exists(path)
        ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList()
        : [];

    /// <summary>The host's SQLite file under a test's working directory.</summary>
    public static string Database(string workingDirectory) =>
        Path.Combine(workingDirectory, ".workflow", "workflow.db");
}
