namespace Workflow.Api.Tests.Infrastructure;

/// <summary>Pipeline JSON documents the tests send, as a user would write them.</summary>
public static class Definitions
{
    /// <summary>Two process tasks: one prints lines, the next counts them.</summary>
    public static string Echo(string id, string group, string text = "hello") => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "{{group}}",
          "description": "echo then count",
          "schedules": [{ "kind": "cron", "cron": "0 2 * * MON", "timeZone": "Europe/Berlin" }],
          "tasks": [
            { "id": "say", "kind": "process", "config": { "command": "sh", "args": ["-c", "echo {{text}}; echo second line"] } },
            { "id": "count", "kind": "process", "dependsOn": ["say"], "config": { "command": "sh", "args": ["-c", "echo one | wc -l"] } }
          ]
        }
        """;

    /// <summary>One task that fails the first time it runs in a directory and succeeds after.</summary>
    public static string FailsOnce(string id, string group, string marker) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "{{group}}",
          "tasks": [
            { "id": "ok", "kind": "process", "config": { "command": "sh", "args": ["-c", "echo fine"] } },
            { "id": "flaky", "kind": "process", "dependsOn": ["ok"],
              "config": { "command": "sh", "args": ["-c", "if [ -f '{{marker}}' ]; then echo second; else touch '{{marker}}'; echo first >&2; exit 3; fi"] } }
          ]
        }
        """;

    /// <summary>A task that runs until cancelled.</summary>
    public static string Slow(string id, string group) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "{{group}}",
          "tasks": [ { "id": "wait", "kind": "process", "config": { "command": "sleep", "args": ["300"] } } ]
        }
        """;
}
