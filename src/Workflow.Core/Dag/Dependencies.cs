using System.Runtime.InteropServices;
using Workflow.Model;

namespace Workflow.Dag;

/// <summary>
/// A task's dependency list as a span, read without an enumerator or an interface call per entry: resolving the
/// dependencies of 100,000 tasks would otherwise allocate one enumerator per task.
/// </summary>
internal static class Dependencies
{
    public static ReadOnlySpan<string> Of(TaskDefinition? task) => task?.DependsOn switch
    {
        null => [],
        string[] array => array,
        List<string> list => CollectionsMarshal.AsSpan(list),
        var other => other.ToArray(),
    };
}
