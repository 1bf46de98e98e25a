using Workflow.Runtime.Handlers;
using Workflow.Validation;

namespace Workflow.Engine.Services;

/// <summary>The engine's checks of definitions, with messages that name the field and the fix.</summary>
internal static class PipelineChecks
{
    /// <summary>
    /// The core validator with the kinds this engine serves (its handlers plus the decider's own), so an unknown
    /// kind is rejected when the definition is stored, not when a run reaches the task. It holds no state of a
    /// definition, so one serves every save.
    /// </summary>
    public static PipelineValidator Validator(IReadOnlyCollection<string> handlerKinds) =>
        new(new ValidationOptions().WithTaskKinds(handlerKinds.Concat(HandlerRegistry.DeciderKinds)));
}
