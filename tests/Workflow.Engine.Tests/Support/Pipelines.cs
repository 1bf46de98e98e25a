using System.Text.Json;
using Workflow.Model;

namespace Workflow.Engine.Tests.Support;

/// <summary>Small definitions for tests.</summary>
public static class Pipelines
{
    public static JsonElement ToJson(object value) => JsonSerializer.SerializeToElement(value);

    public static TaskDefinition Code(string id, string handler, object? args = null, params string[] dependsOn) => new()
    {
        Id = id,
        Kind = "code",
        Config = ToJson(args is null ? new { handler } : new { handler, args }),
        DependsOn = dependsOn,
    };

    public static PipelineDefinition Define(string id, params TaskDefinition[] tasks) => new()
    {
        Id = id,
        OwnerGroup = "team",
        Tasks = tasks,
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 64 },
    };
}
