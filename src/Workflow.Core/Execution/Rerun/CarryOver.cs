using System.Text.Json;

namespace Workflow.Execution;

/// <summary>
/// What a rerun keeps of a finished run: the outputs of its tasks that succeeded, read from the run's final decider
/// state, so that results the run itself carried over, map instances and sub-pipeline tasks (whose child run
/// succeeded) count as well as tasks that ran. Keys are task ids; a mapped task that did not succeed as a whole
/// contributes its successful instances under their keys <c>id[i]</c>.
/// </summary>
public static class CarryOver
{
    public static IReadOnlyDictionary<string, JsonElement?> From(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kept = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        foreach (var task in state.Tasks)
        {
            if (task.Status == TaskStatus.Succeeded)
            {
                kept[task.Id] = task.Output;
            }
            else if (task.FirstInstance >= 0)
            {
                foreach (var unit in state.Units.Skip(task.FirstInstance).Take(task.InstanceCount))
                {
                    if (unit.Status == TaskStatus.Succeeded)
                    {
                        kept[unit.Key] = unit.Output;
                    }
                }
            }
        }

        return kept;
    }
}
