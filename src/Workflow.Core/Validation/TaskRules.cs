using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Validation;

/// <summary>
/// Checks each task on its own: id, kind, config, trigger, pool, retry, timeout, expected duration and map bounds.
/// </summary>
internal static class TaskRules
{
    /// <summary>
    /// Checks task <paramref name="i"/> and adds its id to <paramref name="index"/> when the id is valid and no
    /// earlier task has it (a later duplicate is reported and left out); <paramref name="hash"/> is the id's
    /// <see cref="TaskIdTable"/> hash.
    /// </summary>
    public static void Check(int i, TaskDefinition? task, int hash, TaskIdTable index, string pipelineId,
        PipelineDefinition? stored, ValidationOptions options, ErrorCollector errors)
    {
        var path = FieldOwner.OfTask(i);
        if (task is null)
        {
            errors.Add(path.ToString(), "The task is null.", "Remove it or give an object with an 'id' and a 'kind'.");
            return;
        }

        if (Identifiers.Problem(task.Id) is { } problem)
        {
            errors.Add($"{path}.id", $"The task id {problem}.", Identifiers.Rule);
        }
        else if (index.TryAdd(task.Id, i, hash) is var first and >= 0)
        {
            errors.Add($"{path}.id", $"The task id '{task.Id}' is also used by tasks[{first}].",
                "Give each task a distinct id.");
        }

        CheckKind(path, task.Kind, options, errors);
        ConfigRules.Check(path, pipelineId, task, stored, options, errors);
        PolicyRules.Defined(path, ".trigger", task.Trigger, errors);
        PolicyRules.Pool(path, task.Pool, errors);
        PolicyRules.Retry(path, task.Retry, options, errors);
        PolicyRules.Timeout(path, task.Timeout, options, errors);
        if (task.ExpectedDuration is { } expected && expected < TimeSpan.Zero)
        {
            errors.Add($"{path}.expectedDuration", $"expectedDuration is {Json.Duration.Format(expected)}; " +
                "it cannot be negative.");
        }

        if (task.Map is { MaxItems: < 1 } map)
        {
            errors.Add($"{path}.map.maxItems", $"maxItems is {map.MaxItems}; it must be at least 1.",
                "Leave it out for no limit.");
        }
    }

    private static void CheckKind(FieldOwner path, string? kind, ValidationOptions options, ErrorCollector errors)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            errors.Add($"{path}.kind", "The task kind is missing.",
                "Use a kind the host runs, such as http, process, code, delay or sub-pipeline.");
        }
        else if (options.TaskKinds.Count > 0 && !options.TaskKinds.Contains(kind))
        {
            var known = options.TaskKinds.Order(StringComparer.Ordinal).ToArray();
            var near = Suggestions.Closest(kind, known);
            errors.Add($"{path}.kind", $"The task kind '{kind}' is not registered with this host.",
                (near is null ? "" : $"Did you mean '{near}'? ") + $"Registered kinds: {string.Join(", ", known)}.");
        }
    }
}
