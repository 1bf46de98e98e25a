using System.Text.Json;

namespace Workflow.Model;

/// <summary>
/// A run parameter, given when a run is triggered, by a schedule or by a parent run. <see cref="Type"/> is one of
/// <see cref="Parameters.ParameterTypes.All"/>; a value of another type is refused when the run is triggered, and a
/// <see cref="Default"/> of another type when the pipeline is saved.
/// </summary>
public sealed record ParameterDefinition
{
    public required string Name { get; init; }
    public string Type { get; set; } = Parameters.ParameterTypes.String;
    public bool Required { get; init; }
    public JsonElement? Default { get; init; }
    public string? Description { get; init; }
}
