using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Validation;

/// <summary>What a definition refers to outside itself, so that a caller with a catalogue can say what exists.</summary>
public static class PipelineReferences
{
    /// <summary>The distinct, well-formed pipeline ids that the definition's sub-pipeline tasks run as children.</summary>
    public static IReadOnlyCollection<string> ChildPipelines(PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var children = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in definition.Tasks ?? [])
        {
            if (task?.Kind == TaskKinds.SubPipeline &&
                TaskKinds.TrySubPipeline(task.Config, out var child, out _, out _) && Identifiers.IsValid(child))
            {
                children.Add(child);
            }
        }

        return children;
    }
}
