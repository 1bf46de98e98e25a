using Workflow.Api.Problems;
using Workflow.Contracts;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Api.Requests;

/// <summary>
/// Checks a definition before anything is stored: the route and body ids agree, and the definition passes the
/// core validation (DAG, kinds, task configs, schedules, durations), each error with its JSON path and a hint.
/// Code handler names and child pipelines are checked against what the host and its catalogue know.
/// </summary>
public static class DefinitionValidation
{
    /// <param name="definition">The body.</param>
    /// <param name="routeId">The id in the URL of a PUT.</param>
    /// <param name="taskKinds">The task kinds the host serves.</param>
    /// <param name="codeHandlerExists">Whether a code handler is registered.</param>
    /// <param name="pipelineExists">Whether a sub-pipeline task may start that pipeline.</param>
    /// <param name="stored">
    /// The version a PUT replaces, when the caller may change it: what it already had is accepted unchanged
    /// (<see cref="PipelineValidator.Validate(PipelineDefinition, PipelineDefinition?)"/>).
    /// </param>
    public static IReadOnlyList<FieldError> Validate(PipelineDefinition definition, string? routeId,
        IReadOnlyCollection<string> taskKinds, Func<string, bool>? codeHandlerExists = null,
        Func<string, bool>? pipelineExists = null, PipelineDefinition? stored = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(taskKinds);
        var errors = new List<FieldError>();
        if (routeId is not null && !string.Equals(routeId, definition.Id, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("$.id", $"The body's id '{definition.Id}' differs from '{routeId}' in the URL.",
                $"PUT /api/pipelines/{definition.Id}, or set \"id\": \"{routeId}\"."));
        }

        var options = new ValidationOptions
        {
            CodeHandlerExists = codeHandlerExists,
            PipelineExists = pipelineExists,
        }.WithTaskKinds(taskKinds);
        var result = new PipelineValidator(options).Validate(definition, stored);
        errors.AddRange(result.Errors.Select(ToFieldError));
        return errors;
    }

    /// <summary>The core writes <c>tasks[3].retry</c>; the API answers JSON paths, <c>$.tasks[3].retry</c>.</summary>
    public static FieldError ToFieldError(ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new FieldError(JsonPath(error.Path), error.Message, error.Hint);
    }

    public static string JsonPath(string? corePath) => corePath switch
    {
        null or "" => "$",
        _ when corePath.StartsWith('$') => corePath,
        _ when corePath.StartsWith('[') => "$" + corePath,
        _ => "$." + corePath,
    };
}
