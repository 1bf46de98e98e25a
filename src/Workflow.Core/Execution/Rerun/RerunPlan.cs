using System.Text.Json;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Execution;

/// <summary>
/// The prior results a rerun starts with. On the run's pinned version they are exactly what the run kept
/// (<see cref="CarryOver.From"/>). On another version ("fix and rerun") every kept task must still fit the new task
/// graph: it exists, has the same kind, depends on the same tasks, and a mapped task maps over the same task and
/// path; a kept output of a task that no longer fits could feed its children the wrong data, so such a rerun is
/// refused, naming each task. Tasks that run again may change freely, and new tasks run. A rerun from a chosen task
/// first drops that task and what is downstream of it (<see cref="RerunFrom"/>), so those may change freely too.
/// </summary>
public static class RerunPlan
{
    /// <param name="runId">The run being rerun, for the message.</param>
    /// <param name="kept">What the run kept, from <see cref="CarryOver.From"/>.</param>
    /// <param name="pinned">The stored version the run ran on.</param>
    /// <param name="target">The stored version the rerun will run on.</param>
    /// <param name="fromTask">The task to rerun from (with everything downstream of it), or null to rerun what failed.
    /// </param>
    /// <exception cref="ConflictException">A kept task no longer fits <paramref name="target"/>; the message
    /// names each such task and why (the API answers 409 with it).</exception>
    /// <exception cref="InvalidRequestException"><paramref name="fromTask"/> is not a task of <paramref name="target"/>.
    /// </exception>
    public static IReadOnlyDictionary<string, JsonElement?> For(string runId,
        IReadOnlyDictionary<string, JsonElement?> kept, PipelineRecord pinned, PipelineRecord target,
        string? fromTask = null)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(target);
        if (fromTask is not null)
        {
            kept = RerunFrom.Keep(kept, fromTask, pinned, target);
        }

        if (ReferenceEquals(pinned, target) || pinned.Version == target.Version)
        {
            return kept;
        }

        var before = pinned.Definition.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var now = target.Definition.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var conflicts = new List<string>();
        var keptIds = kept.Keys.Select(TaskInstanceKey.TaskIdOf).Distinct(StringComparer.Ordinal);
        foreach (var id in keptIds.Order(StringComparer.Ordinal))
        {
            if (before.TryGetValue(id, out var old) && Misfit(old, now.GetValueOrDefault(id)) is { } why)
            {
                conflicts.Add($"'{id}' {why}");
            }
        }

        if (conflicts.Count > 0)
        {
            throw new ConflictException(
                $"Run '{runId}' cannot be rerun on version {target.Version} of pipeline '{target.Definition.Id}': " +
                $"{conflicts.Count} task(s) it would keep no longer fit: {string.Join("; ", conflicts)}. " +
                $"Rerun on the pinned version {pinned.Version} (without ?version=latest), or trigger a new run.");
        }

        return kept;
    }

    private static string? Misfit(TaskDefinition old, TaskDefinition? now)
    {
        if (now is null)
        {
            return "succeeded and would be kept, but the current version has no such task";
        }

        if (!string.Equals(old.Kind, now.Kind, StringComparison.Ordinal))
        {
            return $"was of kind '{old.Kind}' and is of kind '{now.Kind}' now";
        }

        if (!old.DependsOn.ToHashSet(StringComparer.Ordinal).SetEquals(now.DependsOn))
        {
            return $"depended on [{List(old.DependsOn)}] and depends on [{List(now.DependsOn)}] now";
        }

        if (old.Map?.Over != now.Map?.Over || old.Map?.Path != now.Map?.Path)
        {
            return $"mapped over {Map(old.Map)} and maps over {Map(now.Map)} now";
        }

        return null;
    }

    private static string List(IEnumerable<string> ids) => string.Join(", ", ids.Order(StringComparer.Ordinal));

    private static string Map(MapSpec? map) => map is null ? "nothing"
        : string.IsNullOrEmpty(map.Path) ? $"'{map.Over}'" : $"'{map.Over}.{map.Path}'";
}
