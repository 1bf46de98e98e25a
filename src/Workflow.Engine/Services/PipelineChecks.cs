using System.Text.Json;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Engine.Services;

/// <summary>The engine's checks of definitions and run parameters, with messages that name the field and the fix.</summary>
internal static class PipelineChecks
{
    /// <summary>Kinds the run decider carries out itself, as timers and child runs.</summary>
    public static readonly IReadOnlyList<string> DeciderKinds = ["delay", "wait-until", "sub-pipeline"];

    /// <summary>
    /// Runs the core validator with the kinds this engine serves (its handlers plus the decider's own), so an
    /// unknown kind is rejected when the definition is stored, not when a run reaches the task.
    /// </summary>
    public static void Validate(PipelineDefinition definition, IReadOnlyCollection<string> handlerKinds)
    {
        var options = new ValidationOptions().WithTaskKinds(handlerKinds.Concat(DeciderKinds));
        new PipelineValidator(options).Validate(definition).ThrowIfInvalid();
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
