using Workflow.Building;
using Workflow.Model;

namespace Workflow.Tests.Shared;

/// <summary>
/// A pipeline source with one pipeline that the test changes (<see cref="Current"/>), as a source whose code moved on
/// to another version generates it; every run is given the current definition.
/// </summary>
public sealed class MovingPipelineSource(PipelineDefinition first) : IPipelineSource
{
    public PipelineDefinition Current { get; set; } = first;

    public ValueTask<IReadOnlyList<PipelineDefinition>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PipelineDefinition>>([Current]);

    public ValueTask<PipelineDefinition> DefineAsync(string pipelineId, PipelineContext context,
        CancellationToken cancellationToken) => ValueTask.FromResult(Current);
}
