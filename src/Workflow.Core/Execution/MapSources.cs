using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// The tasks whose output a <c>map</c> reads. The run decider expands a map from that output itself, so a host
/// must hand it the value inline, never a reference to a spilled output.
/// </summary>
public static class MapSources
{
    public static HashSet<string> Of(PipelineDefinition definition) => definition.Tasks
        .Where(t => t.Map is not null).Select(t => t.Map!.Over).ToHashSet(StringComparer.Ordinal);
}
