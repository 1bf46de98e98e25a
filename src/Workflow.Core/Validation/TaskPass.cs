using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Validation;

/// <summary>
/// Checks every task in one pass: its config templates (<see cref="ParameterRules"/>), its fields
/// (<see cref="TaskRules"/>) and its dependencies (<see cref="GraphRules"/>), then the graph as a whole. A
/// 100,000-task definition is tens of MB of objects that stream from memory on every pass over it, where a
/// 10,000-task one stays in cache, so the checks read each task once instead of once each. Their errors still come
/// out in the order of the checks: each check reports into its own section.
/// </summary>
internal static class TaskPass
{
    // stored: the version this one replaces, whose values a later bound does not refuse (PipelineValidator).
    public static void Check(string pipelineId, IReadOnlyList<TaskDefinition> tasks, PipelineDefinition? stored,
        ValidationOptions options, TaskTemplates templates, ErrorCollector errors)
    {
        using var index = TaskIdTable.Rent(tasks.Count); // dropped when validation ends
        var taskErrors = errors.Section();
        var graph = new GraphRules(tasks, index, errors.Section());
        try
        {
            var ids = HashLookAhead.OverIds(index, tasks);
            for (var i = 0; i < tasks.Count; i++)
            {
                var task = tasks[i];
                ParameterRules.CheckTask(templates, i, task);
                TaskRules.Check(i, task, ids.Next(), index, pipelineId, stored, options, taskErrors);
                graph.Resolve(i);
            }

            graph.Finish();
        }
        finally
        {
            graph.Dispose();
        }
    }
}
