using Microsoft.AspNetCore.Http;
using Workflow.Api.Requests;
using Workflow.Contracts;
using Workflow.Services;
using Workflow.Validation;

namespace Workflow.Api.Problems;

/// <summary>
/// The one place where the service contract's errors (<see cref="ServiceException"/>) become answers: each kind has
/// its status. Whatever else a service throws is a fault of ours, answered by <see cref="ProblemExceptionHandler"/>
/// as a 500 with a correlation id.
/// </summary>
public static class ServiceProblems
{
    public static IResult For(ServiceException error) => error switch
    {
        PipelineValidationException v => ApiProblems.Validation(FieldErrors(v)),
        InvalidRequestException r => ApiProblems.Problem(StatusCodes.Status400BadRequest, "The request is not valid",
            r.Message, FieldErrors(r)),
        NotFoundException n => ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", n.Message),
        VersionConflictException v => ApiProblems.Problem(StatusCodes.Status409Conflict, "Version conflict", v.Message),
        ConflictException c => ApiProblems.Conflict(c.Message),
        GoneException g => ApiProblems.Problem(StatusCodes.Status410Gone, "Gone", g.Message),
        NotAllowedException f => ApiProblems.Forbidden(f.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.GetType().Name,
            "A service error kind without an answer; add it here."),
    };

    private static List<FieldError> FieldErrors(InvalidRequestException error) =>
        error.Errors.Select(DefinitionValidation.ToFieldError).ToList();
}
