using System.Text.Json;

namespace Workflow.Building;

/// <summary>What a task does: its kind and kind-specific config, as made by <see cref="Tasks"/>.</summary>
public sealed record TaskSpec(string Kind, JsonElement? Config = null, string? Pool = null);
