using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Validation;

namespace Workflow.Engine.Services;

/// <summary>The engine's checks of definitions, with messages that name the field and the fix.</summary>
internal static class PipelineChecks
{
    /// <summary>
    /// Runs the core validator with the kinds this engine serves (its handlers plus the decider's own), so an
    /// unknown kind is rejected when the definition is stored, not when a run reaches the task.
    /// </summary>
    public static void Validate(PipelineDefinition definition, IReadOnlyCollection<string> handlerKinds)
    {
        var options = new ValidationOptions().WithTaskKinds(handlerKinds.Concat(HandlerRegistry.DeciderKinds));
        new PipelineValidator(options).Validate(definition).ThrowIfInvalid();
    }
}
