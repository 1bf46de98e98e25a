using System.Text.Json;

namespace Workflow.Model;

/// <summary>A run parameter, given when a run is triggered or by a schedule.</summary>
public sealed record ParameterDefinition
{
    public required string Name { get; init; }
    public string Type { get; set; } = "string";
    public bool Required { get; init; }
    public JsonElement? Default { get; init; }
    public string? Description { get; init; }
}
