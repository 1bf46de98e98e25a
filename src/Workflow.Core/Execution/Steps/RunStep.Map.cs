using System.Text.Json;
using Workflow.Model;

namespace Workflow.Execution;

internal sealed partial class RunStep
{
    /// <summary>The bound on map instances when <see cref="MapSpec.MaxItems"/> is not set.</summary>
    public const int DefaultMaxMapItems = 10_000;

    /// <summary>
    /// Expands a mapped task into one unit <c>id[i]</c> per element of the upstream array, once that
    /// output is known. An empty array succeeds at once with an empty output array.
    /// </summary>
    private void Expand(int t)
    {
        var def = Def(t);
        var map = def.Map!;
        var over = _index.Graph.IndexOf(map.Over);
        var source = _state.Tasks[over];
        var where = string.IsNullOrEmpty(map.Path) ? $"'{map.Over}'" : $"'{map.Over}.{map.Path}'";
        if (source.Status != TaskStatus.Succeeded)
        {
            FailTask(t, $"Task '{def.Id}' maps over '{map.Over}', which is {source.Status.ToString().ToLowerInvariant()} " +
                "and has no output to map over; give it the trigger rule all-success, or map over a task that succeeds.");
            return;
        }

        if (!MapPath.TryResolve(source.Output, map.Path, out var array, out var found))
        {
            FailTask(t, $"Task '{def.Id}' maps over {where}, but the output has no such path (found {found}); " +
                "fix 'map.path' or the upstream output.");
            return;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            FailTask(t, $"Task '{def.Id}' maps over {where}, which is {array.ValueKind.ToString().ToLowerInvariant()}, " +
                "not an array; point 'map.path' at an array.");
            return;
        }

        var count = array.GetArrayLength();
        var bound = map.MaxItems ?? DefaultMaxMapItems;
        if (count > bound)
        {
            FailTask(t, $"Task '{def.Id}' maps over {where}, which has {count} elements, more than the bound of " +
                $"{bound}; raise 'map.maxItems' or split the input.");
            return;
        }

        var task = _state.Tasks[t];
        if (count == 0)
        {
            FinishTask(t, TaskStatus.Succeeded, JsonDocument.Parse("[]").RootElement.Clone());
            return;
        }

        task.Status = TaskStatus.Running;
        task.FirstInstance = _state.Units.Count;
        task.InstanceCount = count;
        var i = 0;
        var kept = 0;
        foreach (var item in array.EnumerateArray())
        {
            var unit = new UnitState { Key = TaskInstanceKey.Of(def.Id, i), Task = t, Index = i, Item = item.Clone() };
            _index.UnitByKey[unit.Key] = _state.Units.Count;
            _state.Units.Add(unit);
            if (_state.KeptInstances?.Remove(unit.Key, out var output) == true)
            {
                unit.Status = TaskStatus.Succeeded;
                unit.Output = output;
                kept++;
            }
            else
            {
                Enqueue(unit);
            }

            i++;
        }

        for (; kept > 0; kept--)
        {
            InstanceFinished(t, TaskStatus.Succeeded);
        }
    }

    /// <summary>A mapped task is done when every instance is; its output is the array of their outputs.</summary>
    private void InstanceFinished(int t, TaskStatus status)
    {
        var task = _state.Tasks[t];
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
            FinishTask(t, TaskStatus.Failed, null, ErrorKinds.Handler,
                $"{task.InstancesFailed} of {task.InstanceCount} map instances of '{task.Id}' failed.");
            return;
        }

        var units = _state.Units.GetRange(task.FirstInstance, task.InstanceCount);
        FinishTask(t, TaskStatus.Succeeded, TaskInput.ArrayOf(units.Select(u => u.Output)));
    }

    /// <summary>Fails a task that cannot start at all; retries cannot help, so none are made.</summary>
    private void FailTask(int t, string message)
    {
        var id = _state.Tasks[t].Id;
        Notify(NotificationKind.TaskFailed, message, id);
        FinishTask(t, TaskStatus.Failed, null, ErrorKinds.InvalidInput, message);
    }
}
