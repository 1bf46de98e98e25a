using System.Text.Json;
using Workflow.Model;
using Workflow.Services;
using Workflow.Validation;

namespace Workflow.Execution;

/// <summary>
/// "Rerun from a task" (Airflow's "clear downstream"): the new run runs the chosen task and every task downstream of it
/// again, even those that succeeded, and keeps the rest as rerun failed does: every other task that succeeded keeps
/// its output, and one that did not succeed (a failed upstream task included) runs again, since a new run cannot
/// start from a failure. A map instance key <c>id[i]</c> chooses its mapped task, so all its instances run again;
/// kept instances of other mapped tasks and sub-pipeline tasks behave as in rerun failed (a kept sub-pipeline task
/// starts no child run, one that runs again starts a new child run).
/// </summary>
public static class RerunFrom
{
    /// <summary>The name of the request field that chooses the task (the API's query parameter).</summary>
    public const string Field = "fromTask";

    private const int ListedIds = 20;

    /// <summary>
    /// <paramref name="kept"/> without the chosen task and what is downstream of it in <paramref name="target"/> (the
    /// version the rerun runs on) or in <paramref name="pinned"/> (the version the run ran on), so that a task whose
    /// input came from the chosen task in the first run never keeps that stale output.
    /// </summary>
    /// <exception cref="InvalidRequestException">The key is empty, or <paramref name="target"/> has no such task; the
    /// message names the task and the field (the API answers 400 with it).</exception>
    public static IReadOnlyDictionary<string, JsonElement?> Keep(IReadOnlyDictionary<string, JsonElement?> kept,
        string fromTask, PipelineRecord pinned, PipelineRecord target)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(target);
        var taskId = TaskIdOrThrow(fromTask, target);
        var cleared = Downstream(taskId, target.Definition);
        cleared.UnionWith(Downstream(taskId, pinned.Definition));
        return kept.Where(kv => !cleared.Contains(TaskInstanceKey.TaskIdOf(kv.Key)))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>The task and every task that depends on it, directly or not; empty when there is no such task.</summary>
    public static HashSet<string> Downstream(string taskId, PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (!definition.Tasks.Any(t => t.Id == taskId))
        {
            return found;
        }

        var children = definition.Tasks
            .SelectMany(t => t.DependsOn.Select(parent => (Parent: parent, Child: t.Id)))
            .ToLookup(e => e.Parent, e => e.Child, StringComparer.Ordinal);
        var pending = new Stack<string>([taskId]);
        while (pending.TryPop(out var id))
        {
            if (found.Add(id))
            {
                foreach (var child in children[id])
                {
                    pending.Push(child);
                }
            }
        }

        return found;
    }

    private static string TaskIdOrThrow(string? fromTask, PipelineRecord target)
    {
        if (string.IsNullOrWhiteSpace(fromTask))
        {
            throw InvalidRequestException.For(Field,
                $"'{Field}' is empty. Name the task to rerun from, for example ?{Field}=load.");
        }

        var taskId = TaskInstanceKey.TaskIdOf(fromTask);
        var ids = target.Definition.Tasks.Select(t => t.Id).ToList();
        if (ids.Contains(taskId, StringComparer.Ordinal))
        {
            return taskId;
        }

        var listed = string.Join(", ", ids.Take(ListedIds)) + (ids.Count > ListedIds ? ", …" : "");
        throw InvalidRequestException.For(Field,
            $"'{Field}' is '{fromTask}', but version {target.Version} of pipeline '{target.Definition.Id}' has no task " +
            $"'{taskId}'.", Suggestions.Hint(taskId, ids, $"Its tasks are: {listed}."));
    }
}
