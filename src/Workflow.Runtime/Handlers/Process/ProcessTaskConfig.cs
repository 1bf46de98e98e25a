using System.Text.Json;

namespace Workflow.Runtime.Handlers.Process;

/// <summary>The <c>process</c> task's config: <c>command</c>, <c>args</c>, <c>env</c> and <c>workingDirectory</c>.</summary>
internal sealed record ProcessTaskConfig(string Command, IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Env, string? WorkingDirectory)
{
    public static ProcessTaskConfig Parse(string taskId, JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Object } c || !c.TryGetProperty("command", out var command) ||
            command.GetString() is not { Length: > 0 } commandText)
        {
            throw new TaskFailureException(Model.ErrorKinds.InvalidInput,
                $"Task '{taskId}': config.command is missing. Name the program to run, for example {{\"command\": \"python3\"}}.");
        }

        var args = c.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList()
            : [];
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (c.TryGetProperty("env", out var e2) && e2.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in e2.EnumerateObject())
            {
                env[variable.Name] = variable.Value.ValueKind == JsonValueKind.String
                    ? variable.Value.GetString()!
                    : variable.Value.GetRawText();
            }
        }

        var directory = c.TryGetProperty("workingDirectory", out var w) ? w.GetString() : null;
        return new ProcessTaskConfig(commandText, args, env, directory);
    }
}
