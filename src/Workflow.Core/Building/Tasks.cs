using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Validation;

namespace Workflow.Building;

/// <summary>
/// Factories for the built-in task kinds. Bring them in with <c>using static Workflow.Building.Tasks;</c>
/// and write <c>.Task("extract", HttpGet("http://..."))</c>.
/// </summary>
public static class Tasks
{
    public static TaskSpec Http(string method, string url, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null, bool async = false)
    {
        var config = new JsonObject { ["method"] = method, ["url"] = url };
        if (body is not null)
        {
            config["body"] = body as JsonNode ?? JsonValue.Create(body.ToString());
        }

        if (headers is not null)
        {
            config["headers"] = new JsonObject(headers.Select(h =>
                KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value))));
        }

        if (async)
        {
            config["async"] = true;
        }

        return new TaskSpec("http", ToElement(config));
    }

    public static TaskSpec HttpGet(string url) => Http("GET", url);

    public static TaskSpec HttpPost(string url, object? body = null) => Http("POST", url, body);

    public static TaskSpec Process(string command, params string[] args) =>
        Process(command, args, env: null, workingDirectory: null);

    public static TaskSpec Process(string command, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? env, string? workingDirectory)
    {
        var config = new JsonObject
        {
            ["command"] = command,
            ["args"] = new JsonArray(args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
        };
        if (env is not null)
        {
            config["env"] = new JsonObject(env.Select(e =>
                KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));
        }

        if (workingDirectory is not null)
        {
            config["workingDirectory"] = workingDirectory;
        }

        return new TaskSpec("process", ToElement(config));
    }

    /// <summary>
    /// An in-process .NET handler registered by name; it runs in the <c>code</c> pool unless the task or the
    /// pipeline's defaults name another (<c>pool: "cpu"</c> for CPU-bound work).
    /// </summary>
    public static TaskSpec Code(string handler, object? args = null)
    {
        var config = new JsonObject { ["handler"] = handler };
        if (args is not null)
        {
            config["args"] = JsonSerializer.SerializeToNode(args, args.GetType(), JsonOptions);
        }

        return new TaskSpec("code", ToElement(config));
    }

    /// <summary>An in-process handler named after its type.</summary>
    public static TaskSpec Code<THandler>(object? args = null) => Code(typeof(THandler).Name, args);

    /// <summary>Throws <see cref="ArgumentException"/> outside 0s to <see cref="DefinitionLimits.MaxDelay"/>.</summary>
    public static TaskSpec Delay(TimeSpan delay)
    {
        DefinitionLimits.ThrowIf(DefinitionLimits.Delay(delay),
            delay > DefinitionLimits.MaxDelay ? DefinitionLimits.DelayHint : null, nameof(delay));
        return new("delay", ToElement(new JsonObject { ["duration"] = Json.Duration.Format(delay) }));
    }

    public static TaskSpec WaitUntil(DateTimeOffset instant) =>
        new("wait-until", ToElement(new JsonObject { ["at"] = instant.ToString("O") }));

    public static TaskSpec SubPipeline(string pipelineId, object? parameters = null)
    {
        var config = new JsonObject { ["pipelineId"] = pipelineId };
        if (parameters is not null)
        {
            config["parameters"] = JsonSerializer.SerializeToNode(parameters, parameters.GetType(), JsonOptions);
        }

        return new TaskSpec("sub-pipeline", ToElement(config));
    }

    /// <summary>
    /// Drains up to <paramref name="maxMessages"/> of the owner group's queue; a message whose handler failed
    /// <paramref name="maxDeliveries"/> times goes to the dead-letter queue (5 when null).
    /// </summary>
    public static TaskSpec QueueDrain(string queue, int maxMessages = 100, string? handler = null,
        int? maxDeliveries = null)
    {
        var config = new JsonObject { ["queue"] = queue, ["maxMessages"] = maxMessages };
        if (handler is not null)
        {
            config["handler"] = handler;
        }

        if (maxDeliveries is not null)
        {
            config["maxDeliveries"] = maxDeliveries;
        }

        return new TaskSpec("queue-drain", ToElement(config));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static JsonElement ToElement(JsonObject config) => JsonSerializer.SerializeToElement(config, JsonOptions);
}
