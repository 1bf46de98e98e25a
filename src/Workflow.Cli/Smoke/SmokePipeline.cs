using System.Text.Json.Nodes;

namespace Workflow.Cli.Smoke;

/// <summary>
/// The pipeline <c>wf smoke</c> applies unless given a file: a small diamond of process tasks (one, two in parallel,
/// one after both) that each stand alone, so it passes wherever its tasks run (several Functions instances share no
/// disk). It has no schedule, so applying it starts nothing by itself.
/// </summary>
public static class SmokePipeline
{
    public const string Id = "wf-smoke";

    public static JsonObject Definition(string ownerGroup) => new()
    {
        ["id"] = Id,
        ["ownerGroup"] = ownerGroup,
        ["description"] = "Applied and run by `wf smoke` to check a deployment end to end.",
        ["defaults"] = new JsonObject
        {
            ["retry"] = new JsonObject { ["maxAttempts"] = 2, ["initialDelay"] = "2s" },
            ["timeout"] = "2m",
        },
        ["tasks"] = new JsonArray(
            Echo("hello", "hello from $(hostname)"),
            Echo("left", "left branch", "hello"),
            Echo("right", "right branch", "hello"),
            Echo("done", "both branches finished", "left", "right")),
    };

    private static JsonObject Echo(string id, string text, params string[] after)
    {
        var task = new JsonObject
        {
            ["id"] = id,
            ["kind"] = "process",
            ["config"] = new JsonObject
            {
                ["command"] = "sh",
                ["args"] = new JsonArray("-c", $"echo \"{text}\""),
            },
        };
        if (after.Length > 0)
        {
            task["dependsOn"] = new JsonArray(after.Select(a => (JsonNode)a).ToArray());
        }

        return task;
    }
}
