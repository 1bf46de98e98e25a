using System.Text.Json.Nodes;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// Pipelines the browser tests post through the API: shell tasks that wait for a file the test creates, so a run
/// stays running exactly as long as the test needs, with no timing guesses.
/// </summary>
internal static class TestPipelines
{
    public static JsonObject Holding(string directory) => new()
    {
        ["id"] = "browser-hold",
        ["ownerGroup"] = "data-eng",
        ["description"] = "Holds until a release file appears.",
        ["enabled"] = true,
        ["tasks"] = new JsonArray(
            Shell(directory, "prepare", "echo prepared"),
            Shell(directory, "hold", "echo holding; while [ ! -f release ]; do sleep 0.1; done; echo released",
                "prepare")),
    };

    public static JsonObject Shell(string directory, string id, string script, params string[] after) => new()
    {
        ["id"] = id,
        ["kind"] = "process",
        ["dependsOn"] = new JsonArray([.. after.Select(a => (JsonNode)a)]),
        ["config"] = new JsonObject
        {
            ["command"] = "sh",
            ["args"] = new JsonArray("-c", script),
            ["workingDirectory"] = directory,
        },
    };

    public static JsonObject Gated(string directory) => new()
    {
        ["id"] = "browser-gate",
        ["ownerGroup"] = "data-eng",
        ["description"] = "Waits for a release file; its flaky step fails once.",
        ["enabled"] = true,
        ["defaults"] = new JsonObject
        {
            ["retry"] = new JsonObject { ["maxAttempts"] = 2, ["initialDelay"] = "1s", ["maxDelay"] = "5s" },
            ["timeout"] = "3m",
        },
        ["tasks"] = new JsonArray(
            Shell(directory, "extract", "echo extracted 3 files"),
            Shell(directory, "flaky", "if [ -f flaky.done ]; then echo second try ok; else touch flaky.done; " +
                                      "echo first try fails >&2; exit 3; fi", "extract"),
            Shell(directory, "wait-for-release", "echo waiting for release; " +
                                                 "while [ ! -f release ]; do sleep 0.1; done; echo released", "extract"),
            Shell(directory, "load", "echo loaded", "flaky", "wait-for-release")),
    };
}
