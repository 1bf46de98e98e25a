using System.Text.Json;
using Workflow.Execution;
using Workflow.Json;
using Workflow.Model;

namespace Workflow.Validation;

/// <summary>
/// Checks the config of the built-in task kinds when a definition is saved, each problem at its field's path
/// (<c>tasks[2].config.command</c>), so that a task that cannot run is refused then rather than failing when a run
/// reaches it. A field a kind does not read is refused with the nearest known one, as a misspelt field of the
/// definition is. The configs of custom kinds belong to their handlers.
/// </summary>
internal static class ConfigRules
{
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        [TaskKinds.Process] = ["command", "args", "env", "workingDirectory"],
        [TaskKinds.Http] = ["method", "url", "headers", "body", "timeout", "async", "pollInterval"],
        [TaskKinds.Code] = ["handler", "args"],
        [TaskKinds.Delay] = ["duration"],
        [TaskKinds.WaitUntil] = ["at"],
        [TaskKinds.SubPipeline] = ["pipelineId", "parameters"],
        [TaskKinds.QueueDrain] =
            ["queue", "maxMessages", "handler", "maxDeliveries", "visibilityTimeout", "maxDepth", "maxOldestAge"],
    };

    public static void Check(FieldOwner path, string pipelineId, TaskDefinition task, PipelineDefinition? stored,
        ValidationOptions options, ErrorCollector errors)
    {
        if (task.Kind is null || !Fields.TryGetValue(task.Kind, out var known))
        {
            return;
        }

        var at = new ConfigFields(path, errors);
        if (task.Config is not { ValueKind: JsonValueKind.Object } config)
        {
            errors.Add(at.Path, $"A {task.Kind} task needs a config object.",
                $"Give \"config\": {{ ... }} with its fields: {string.Join(", ", known)}.");
            return;
        }

        foreach (var property in config.EnumerateObject())
        {
            if (!IsKnown(property, known))
            {
                errors.Add(at.Of(property.Name), $"'{property.Name}' is not a field of a {task.Kind} task's config.",
                    Suggestions.Hint(property.Name, known, $"Its fields are: {string.Join(", ", known)}."));
            }
        }

        switch (task.Kind)
        {
            case TaskKinds.Process:
                at.RequiredString(config, "command", "the program to run, for example \"sh\"");
                at.Kind(config, "args", JsonValueKind.Array);
                at.Kind(config, "env", JsonValueKind.Object);
                EnvironmentNames(at, config);
                at.Kind(config, "workingDirectory", JsonValueKind.String);
                break;
            case TaskKinds.Http:
                HttpRules.Check(config, at);
                break;
            case TaskKinds.Code:
                CodeHandler(at, at.RequiredString(config, "handler", "the registered code handler"), options);
                break;
            case TaskKinds.QueueDrain:
                var queue = at.RequiredString(config, "queue", "the queue to drain");
                if (queue is not null && Queues.QueueAddress.CheckName(queue) is { } queueProblem)
                {
                    errors.Add(at.Of("queue"), queueProblem);
                }

                var handler = config.TryGetProperty("handler", out _)
                    ? at.RequiredString(config, "handler", "the code handler for each message")
                    : queue;
                CodeHandler(at, handler, options);
                at.Count(config, "maxMessages", 1);
                at.Count(config, "maxDeliveries", 1);
                at.Duration(config, "visibilityTimeout");
                at.Count(config, "maxDepth", 0);
                at.Duration(config, "maxOldestAge");
                break;
            case TaskKinds.Delay when !TaskKinds.TryDelay(config, out _, out var delayError):
                errors.Add(at.Of("duration"), delayError, "A delay is 0s or more, for example \"90s\" or \"5m\".");
                break;
            case TaskKinds.Delay:
                DelayLimit(at, task, stored);
                break;
            case TaskKinds.WaitUntil when !TaskKinds.TryWaitUntil(config, out _, out var waitError):
                errors.Add(at.Of("at"), waitError, Instants.Hint);
                break;
            case TaskKinds.WaitUntil when !Instants.TryParse(config.GetProperty("at").GetString(), out _):
                // The decider reads a stored definition's instant as it always did; a new one needs its offset.
                errors.Add(at.Of("at"), $"'{config.GetProperty("at").GetString()}' has no offset, so it " +
                    "would be read in the host's time zone.", Instants.Hint);
                break;
            case TaskKinds.SubPipeline:
                ChildPipeline(at, config, pipelineId, options);
                break;
        }
    }

    /// <summary>
    /// A delay within <see cref="DefinitionLimits.MaxDelay"/>, unless the stored version's task of the same id waits
    /// as long: the decider still runs such a stored delay as written.
    /// </summary>
    private static void DelayLimit(ConfigFields at, TaskDefinition task, PipelineDefinition? stored)
    {
        TaskKinds.TryDelay(task.Config, out var delay, out _);
        if (DefinitionLimits.Delay(delay) is { } problem &&
            stored?.Tasks?.Any(t => t?.Id == task.Id && t.Kind == TaskKinds.Delay &&
                                    TaskKinds.TryDelay(t.Config, out var was, out _) && was == delay) != true)
        {
            at.Errors.Add(at.Of("duration"), problem, DefinitionLimits.DelayHint);
        }
    }

    // Compared in place: reading property.Name would copy every field name of every task's config.
    private static bool IsKnown(JsonProperty property, string[] known)
    {
        foreach (var name in known)
        {
            if (property.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An environment variable's name is not empty and holds no '=' or NUL: the process would get another variable
    /// (<c>"A=B": "x"</c> sets A to "B=x") or none.
    /// </summary>
    private static void EnvironmentNames(ConfigFields at, JsonElement config)
    {
        if (!config.TryGetProperty("env", out var env) || env.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var variable in env.EnumerateObject())
        {
            if (variable.Name.Length == 0 || variable.Name.AsSpan().IndexOfAny('=', '\0') >= 0)
            {
                at.Errors.Add(at.Of("env"), $"'{variable.Name}' is not an environment variable name.",
                    "Use a name without '=', for example \"PGPASSWORD\".");
            }
        }
    }

    private static void CodeHandler(ConfigFields at, string? name, ValidationOptions options)
    {
        if (name is not null && options.CodeHandlerExists is { } exists && !exists(name))
        {
            at.Errors.Add(at.Of("handler"), $"No code handler is registered under the name '{name}'.",
                $"Register it in the host with services.AddCodeHandler(\"{name}\", ...), or fix the name.");
        }
    }

    private static void ChildPipeline(ConfigFields at, JsonElement config, string pipelineId,
        ValidationOptions options)
    {
        if (!TaskKinds.TrySubPipeline(config, out var child, out var parameters, out var error))
        {
            at.Errors.Add(at.Of("pipelineId"), error, "For example \"pipelineId\": \"nightly-load\".");
            return;
        }

        if (Identifiers.Problem(child) is { } problem)
        {
            at.Errors.Add(at.Of("pipelineId"), $"The child pipeline id {problem}.", Identifiers.Rule);
        }
        else if (child == pipelineId)
        {
            at.Errors.Add(at.Of("pipelineId"), $"The pipeline '{child}' runs itself as a child, which never ends.",
                "Name another pipeline.");
        }
        else if (options.PipelineExists is { } exists && !exists(child))
        {
            at.Errors.Add(at.Of("pipelineId"),
                $"There is no pipeline '{child}' in this pipeline's group to run as a child, or you may not trigger " +
                "its runs.", "Save the child pipeline in this pipeline's group first, then this one; a sub-pipeline " +
                "task starts only a pipeline of its own pipeline's group.");
        }

        if (parameters is { ValueKind: not JsonValueKind.Object })
        {
            at.Errors.Add(at.Of("parameters"), "The child's parameters must be a JSON object of name/value pairs.");
        }
    }
}
