using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// The tasks whose output a <c>map</c> reads. The run decider expands a map from that output itself, so a host
/// must hand it the value inline, never a reference to a spilled output. The decider says so on each
/// <see cref="RunTask"/> (<see cref="RunTask.KeepOutputInline"/>); a host that rebuilds an attempt without its
/// command (the embedded engine's recovery) asks <see cref="KeepsOutputInline"/>.
/// </summary>
public static class MapSources
{
    public static HashSet<string> Of(PipelineDefinition definition) => definition.Tasks
        .Where(t => t.Map is not null).Select(t => t.Map!.Over).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether an attempt of <paramref name="taskId"/> in a started run keeps its output inline.</summary>
    public static bool KeepsOutputInline(RunState state, string taskId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var index = RunIndex.Of(state);
        return index.Graph.TryGetIndex(taskId, out var task) && index.IsMapSource(state, task);
    }
}
