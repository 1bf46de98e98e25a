using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// The planner both hosts run by default: each <see cref="DispatchPolicy"/>'s keys, as <c>DispatchKeys</c> computes
/// them.
/// </summary>
public sealed class PolicyDispatchPlanner : IDispatchPlanner
{
    public static readonly PolicyDispatchPlanner Instance = new();

    private PolicyDispatchPlanner()
    {
    }

    /// <inheritdoc />
    public IReadOnlyList<double>? Plan(PipelineDefinition definition, IReadOnlyDictionary<string, TimeSpan>? expected,
        DispatchPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var graph = RunGraphs.TryBuild(definition, out _);
        return graph is null ? null : DispatchKeys.Compute(policy, definition, graph, expected);
    }
}
