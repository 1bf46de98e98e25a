using System.Collections;
using Workflow.Model;

namespace Workflow.Dag;

/// <summary>
/// The ids of a definition's tasks read through the tasks, so that an index over 100,000 tasks does not copy
/// 100,000 references into a large-object array of its own.
/// </summary>
internal sealed class TaskIds(IReadOnlyList<TaskDefinition> tasks) : IReadOnlyList<string>
{
    // Fixed when the index is built, like the index's own arrays.
    public int Count { get; } = tasks.Count;

    public string this[int index] => tasks[index].Id;

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var task in tasks)
        {
            yield return task.Id;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
