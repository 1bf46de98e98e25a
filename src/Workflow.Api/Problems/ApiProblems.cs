using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Workflow.Contracts;

namespace Workflow.Api.Problems;

/// <summary>
/// The RFC 7807 answers of the API. Every user error goes through here so that each says what is wrong and how to
/// fix it, in the same shape: <c>title</c>, <c>status</c>, <c>detail</c> and, for validation, <c>errors</c>.
/// </summary>
public static class ApiProblems
{
    public static IResult Problem(int status, string title, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
        };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        return TypedResults.Problem(problem);
    }

    public static IResult BadRequest(string detail, string path, string message, string? hint = null) =>
        Problem(StatusCodes.Status400BadRequest, "The request is not valid", detail, [new FieldError(path, message, hint)]);

    public static IResult Validation(IReadOnlyList<FieldError> errors) =>
        Problem(StatusCodes.Status400BadRequest, "The pipeline definition is not valid",
            errors.Count == 1 ? errors[0].Message : $"{errors.Count} problems were found; see 'errors'.", errors);

    public static IResult NotFound(string what, string id) =>
        Problem(StatusCodes.Status404NotFound, $"{what} not found",
            $"There is no {what.ToLowerInvariant()} '{id}', or it belongs to a group you are not in.");

    public static IResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "Not allowed", detail);

    public static IResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail);

    public static IResult PreconditionRequired(string id) =>
        Problem(StatusCodes.Status428PreconditionRequired, "If-Match required",
            $"Pipeline '{id}' exists, so a change must say which version it replaces. Read it first and send its ETag " +
            "in an If-Match header (or 'If-Match: *' to overwrite whatever is there).");

    public static IResult PreconditionFailed(string id, string sent, string current) =>
        Problem(StatusCodes.Status412PreconditionFailed, "The pipeline changed",
            $"If-Match {sent} does not match the current version {current} of pipeline '{id}'. " +
            "Read it again, reapply your change, and send the new ETag.");

    /// <summary>A fault of ours: no details, only the id under which the fault is logged.</summary>
    public static IResult Fault(string correlationId)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Internal error",
            Detail = $"The server failed; the fault is logged under correlation id '{correlationId}'.",
            Type = "https://httpstatuses.io/500",
        };
        problem.Extensions["correlationId"] = correlationId;
        return TypedResults.Problem(problem);
    }

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"The request body is larger than the limit of {limit} bytes. Send a smaller body.");
}
