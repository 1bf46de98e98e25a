using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>Indexes a run's definition, turning a definition that cannot run into a message for the run.</summary>
internal static class RunGraphs
{
    public static DagIndex? TryBuild(PipelineDefinition definition, out string? error)
    {
        try
        {
            var dag = DagIndex.Build(definition);
            error = CheckMaps(definition, dag);
            return error is null ? dag : null;
        }
        catch (ArgumentException e)
        {
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "",
                StringComparison.Ordinal);
            error = $"{message} Fix 'dependsOn' so that the tasks have unique ids and form a DAG.";
            return null;
        }
    }

    private static string? CheckMaps(PipelineDefinition definition, DagIndex dag)
    {
        for (var i = 0; i < definition.Tasks.Count; i++)
        {
            if (definition.Tasks[i].Map is not { } map)
            {
                continue;
            }

            if (!dag.TryGetIndex(map.Over, out var over) || !IsAncestor(dag, over, i))
            {
                return $"Task '{definition.Tasks[i].Id}' maps over '{map.Over}', which is not one of its upstream " +
                    "tasks; set 'map.over' to a task it depends on.";
            }
        }

        return null;
    }

    private static bool IsAncestor(DagIndex dag, int ancestor, int task)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(dag.Parents(task).ToArray());
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            if (p == ancestor)
            {
                return true;
            }

            if (seen.Add(p))
            {
                foreach (var q in dag.Parents(p))
                {
                    stack.Push(q);
                }
            }
        }

        return false;
    }
}
