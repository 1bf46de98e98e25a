using System.Text.Json;
using Workflow.Model;

namespace Workflow.Engine.Services;

/// <summary>The engine's checks of definitions and run parameters, with messages that name the field and the fix.</summary>
internal static class PipelineChecks
{
    /// <summary>Kinds the run decider carries out itself, as timers and child runs.</summary>
    public static readonly IReadOnlyList<string> DeciderKinds = ["delay", "wait-until", "sub-pipeline"];

    public static void Validate(PipelineDefinition definition, IReadOnlyCollection<string> handlerKinds)
    {
        var kinds = handlerKinds.Concat(DeciderKinds).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < definition.Tasks.Count; i++)
        {
            var task = definition.Tasks[i];
            if (!kinds.Contains(task.Kind))
            {
                throw new ArgumentException(
                    $"tasks[{i}].kind: '{task.Kind}' (task '{task.Id}') is not a task kind this engine runs. " +
                    $"Use one of: {string.Join(", ", kinds.Order(StringComparer.Ordinal))}.", $"tasks[{i}].kind");
            }
        }
    }

    public static void CheckParameters(PipelineDefinition definition, JsonElement? parameters)
    {
        if (parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) } given)
        {
            throw new ArgumentException(
                $"parameters: expected a JSON object of name/value pairs, got a {given.ValueKind.ToString().ToLowerInvariant()}.",
                "parameters");
        }

        foreach (var parameter in definition.Parameters.Where(p => p.Required && p.Default is null))
        {
            if (parameters is not { ValueKind: JsonValueKind.Object } values || !values.TryGetProperty(parameter.Name, out _))
            {
                throw new ArgumentException(
                    $"parameters.{parameter.Name}: pipeline '{definition.Id}' requires this parameter. " +
                    $"Pass it, for example {{\"{parameter.Name}\": ...}}.", $"parameters.{parameter.Name}");
            }
        }
    }
}
