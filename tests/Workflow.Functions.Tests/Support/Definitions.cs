using System.Text.Json;
using Workflow.Model;

namespace Workflow.Functions.Tests.Support;

/// <summary>Small pipeline definitions for the orchestration tests.</summary>
public static class Definitions
{
    public static PipelineDefinition Pipeline(string id, params TaskDefinition[] tasks) => new()
    {
        Id = id,
        OwnerGroup = "team",
        Tasks = tasks,
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 64 },
    };

    public static TaskDefinition Code(string id, string handler, object? args = null, params string[] dependsOn) => new()
    {
        Id = id,
        Kind = "code",
        Config = args is null
            ? JsonSerializer.SerializeToElement(new { handler })
            : JsonSerializer.SerializeToElement(new { handler, args }),
        DependsOn = dependsOn,
    };

    /// <summary>A real child process: <c>sh -c script</c>; JSON it writes to <c>$WF_OUTPUT_FILE</c> is its output.</summary>
    public static TaskDefinition Shell(string id, string script, params string[] dependsOn) => new()
    {
        Id = id,
        Kind = "process",
        Config = JsonSerializer.SerializeToElement(new { command = "sh", args = new[] { "-c", script } }),
        DependsOn = dependsOn,
    };

    public static TaskDefinition SubPipeline(string id, string pipelineId, params string[] dependsOn) => new()
    {
        Id = id,
        Kind = "sub-pipeline",
        Config = JsonSerializer.SerializeToElement(new { pipelineId }),
        DependsOn = dependsOn,
    };

    /// <summary>A task the decider carries out itself: it waits <paramref name="duration"/> (<c>5m</c>, <c>1h</c>).</summary>
    public static TaskDefinition Delay(string id, string duration, params string[] dependsOn) => new()
    {
        Id = id,
        Kind = "delay",
        Config = JsonSerializer.SerializeToElement(new { duration }),
        DependsOn = dependsOn,
    };
}
