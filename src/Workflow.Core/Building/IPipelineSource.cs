using System.Text.Json;
using Workflow.Model;

namespace Workflow.Building;

/// <summary>
/// Generates pipeline definitions from the current state of the world (a table list, a folder, a catalogue).
/// The host asks it for the definition when a run starts, so each run sees the tasks that exist then.
/// </summary>
public interface IPipelineSource
{
    /// <summary>The ids of the pipelines this source provides, with their owners and schedules, for listing and ticking.</summary>
    ValueTask<IReadOnlyList<PipelineDefinition>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The definition for one run, generated for its logical time and parameters.</summary>
    ValueTask<PipelineDefinition> DefineAsync(string pipelineId, PipelineContext context, CancellationToken cancellationToken);
}

/// <summary>What a run knows when its definition is generated.</summary>
public sealed record PipelineContext(DateTimeOffset LogicalTime, JsonElement? Parameters);
