namespace Workflow.Api.Tests.Infrastructure;

/// <summary>
/// Valid definitions that use every part of the model the mutator breaks: each built-in task kind's config, every
/// kind of schedule, retry, defaults, concurrency, SLA and retention. <c>{id}</c> stands for the pipeline id.
/// </summary>
public static class ValidBases
{
    public const string Child = "corpus-child";

    public const string CodeHandler = "PublishWeeklyReport";

    public static IReadOnlyList<string> All { get; } =
    [
        """
        {
          "id": "{id}", "ownerGroup": "data-eng", "description": "process chain",
          "schedules": [ { "kind": "cron", "cron": "0 2 * * MON", "timeZone": "Europe/Berlin", "dstGap": "skip",
                           "catchUp": { "mode": "all", "maxRuns": 3 } } ],
          "defaults": { "timeout": "10m", "retry": { "maxAttempts": 3, "initialDelay": "5s", "maxDelay": "1m" } },
          "concurrency": { "maxParallelTasks": 4, "overlap": "queue" },
          "tasks": [
            { "id": "extract", "kind": "process", "config": { "command": "sh", "args": ["-c", "echo hi"],
              "env": { "A": "1" } }, "timeout": "2m", "pool": "io" },
            { "id": "load", "kind": "process", "dependsOn": ["extract"], "trigger": "all-done",
              "config": { "command": "true" }, "expectedDuration": "30s",
              "retry": { "maxAttempts": 2, "initialDelay": "1s", "backoffCoefficient": 2 } }
          ]
        }
        """,
        """
        {
          "id": "{id}", "ownerGroup": "data-eng",
          "schedules": [ { "kind": "interval", "every": "15m", "anchor": "2026-01-01T00:00:00Z" },
                         { "kind": "once", "at": "2030-01-01T02:00:00Z", "name": "launch" } ],
          "sla": { "expectedDuration": "1h", "deadline": { "within": "6h" }, "slowFactor": 1.5,
                   "channels": [ { "kind": "webhook", "url": "https://hooks.example.com/a" } ] },
          "retention": { "runs": "30d", "logs": "7d" },
          "tasks": [
            { "id": "call", "kind": "http", "config": { "method": "POST", "url": "http://127.0.0.1:9/x",
              "headers": { "X-A": "1" }, "body": { "a": 1 }, "timeout": "30s" } },
            { "id": "pause", "kind": "delay", "dependsOn": ["call"], "config": { "duration": "5s" } },
            { "id": "until", "kind": "wait-until", "dependsOn": ["pause"], "config": { "at": "2026-01-05T06:00:00Z" } }
          ]
        }
        """,
        $$"""
        {
          "id": "{id}", "ownerGroup": "data-eng",
          "parameters": [ { "name": "day", "type": "string", "required": false } ],
          "tasks": [
            { "id": "compute", "kind": "code", "config": { "handler": "{{CodeHandler}}", "args": { "n": 1 } } },
            { "id": "child", "kind": "sub-pipeline", "dependsOn": ["compute"],
              "config": { "pipelineId": "{{Child}}", "parameters": {} } },
            { "id": "fan", "kind": "process", "dependsOn": ["compute"], "map": { "over": "compute", "maxItems": 10 },
              "config": { "command": "true" } }
          ]
        }
        """,
    ];

    public static string ChildDefinition { get; } = All[0].Replace("{id}", Child, StringComparison.Ordinal);
}
