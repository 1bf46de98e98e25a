using System.Text.Json;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// A mapped task: once the output it maps over is known, one unit <c>id[i]</c> per element (those a rerun kept
/// count as succeeded), and the task's end once every instance ended.
/// </summary>
internal static class MapExpansion
{
    /// <summary>The bound on map instances when <see cref="MapSpec.MaxItems"/> is not set.</summary>
    public const int DefaultMaxMapItems = 10_000;

    /// <summary>
    /// Expands a mapped task into one unit <c>id[i]</c> per element of the upstream array, once that
    /// output is known. An empty array succeeds at once with an empty output array.
    /// </summary>
    public static void Expand(RunStep step, int t)
    {
        var def = step.Def(t);
        var map = def.Map!;
        var over = step.Index.Graph.IndexOf(map.Over);
        var source = step.State.Tasks[over];
        var where = string.IsNullOrEmpty(map.Path) ? $"'{map.Over}'" : $"'{map.Over}.{map.Path}'";
        if (source.Status != TaskStatus.Succeeded)
        {
            FailTask(step, t, $"Task '{def.Id}' maps over '{map.Over}', which is {source.Status.ToString().ToLowerInvariant()} " +
                "and has no output to map over; give it the trigger rule all-success, or map over a task that succeeds.");
            return;
        }

        if (!MapPath.TryResolve(source.Output, map.Path, out var array, out var found))
        {
            FailTask(step, t, $"Task '{def.Id}' maps over {where}, but the output has no such path (found {found}); " +
                "fix 'map.path' or the upstream output.");
            return;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            FailTask(step, t, $"Task '{def.Id}' maps over {where}, which is {array.ValueKind.ToString().ToLowerInvariant()}, " +
                "not an array; point 'map.path' at an array.");
            return;
        }

        var count = array.GetArrayLength();
        var bound = map.MaxItems ?? DefaultMaxMapItems;
        if (count > bound)
        {
            FailTask(step, t, $"Task '{def.Id}' maps over {where}, which has {count} elements, more than the bound of " +
                $"{bound}; raise 'map.maxItems' or split the input.");
            return;
        }

        var task = step.State.Tasks[t];
        if (count == 0)
        {
            Propagation.FinishTask(step, t, TaskStatus.Succeeded, JsonDocument.Parse("[]").RootElement.Clone());
            return;
        }

        task.Status = TaskStatus.Running;
        task.FirstInstance = step.State.Units.Count;
        task.InstanceCount = count;
        var i = 0;
        var kept = 0;
        foreach (var item in array.EnumerateArray())
        {
            var unit = new UnitState { Key = TaskInstanceKey.Of(def.Id, i), Task = t, Index = i, Item = item.Clone() };
            step.Index.UnitByKey[unit.Key] = step.State.Units.Count;
            step.State.Units.Add(unit);
            if (step.State.KeptInstances?.Remove(unit.Key, out var output) == true)
            {
                unit.Status = TaskStatus.Succeeded;
                unit.Output = output;
                kept++;
            }
            else
            {
                Propagation.Enqueue(step, unit);
            }

            i++;
        }

        for (; kept > 0; kept--)
        {
            InstanceFinished(step, t, TaskStatus.Succeeded);
        }
    }

    /// <summary>A mapped task is done when every instance is; its output is the array of their outputs.</summary>
    public static void InstanceFinished(RunStep step, int t, TaskStatus status)
    {
        var task = step.State.Tasks[t];
        task.InstancesFinished++;
        if (status != TaskStatus.Succeeded)
        {
            task.InstancesFailed++;
        }

        if (task.InstancesFinished < task.InstanceCount)
        {
            return;
        }

        if (task.InstancesFailed > 0)
        {
            Propagation.FinishTask(step, t, TaskStatus.Failed, null, ErrorKinds.Handler,
                $"{task.InstancesFailed} of {task.InstanceCount} map instances of '{task.Id}' failed.");
            return;
        }

        var units = step.State.Units.GetRange(task.FirstInstance, task.InstanceCount);
        Propagation.FinishTask(step, t, TaskStatus.Succeeded, TaskInput.ArrayOf(units.Select(u => u.Output)));
    }

    /// <summary>Fails a task that cannot start at all; retries cannot help, so none are made.</summary>
    private static void FailTask(RunStep step, int t, string message)
    {
        var id = step.State.Tasks[t].Id;
        step.Notify(NotificationKind.TaskFailed, message, id);
        Propagation.FinishTask(step, t, TaskStatus.Failed, null, ErrorKinds.InvalidInput, message);
    }
}
