using Workflow.Validation;

namespace Workflow.Services;

/// <summary>
/// The request itself is not valid: a 400 naming each field that is wrong (<see cref="Errors"/>, paths such as
/// <c>parameters.day</c> or <c>to</c>), what is wrong with it and how to fix it.
/// </summary>
public class InvalidRequestException : ServiceException
{
    public InvalidRequestException(IReadOnlyList<ValidationError> errors)
        : this(Describe(errors), errors)
    {
    }

    public InvalidRequestException(string message, IReadOnlyList<ValidationError> errors)
        : base(message) => Errors = errors;

    public InvalidRequestException()
        : this([])
    {
    }

    public InvalidRequestException(string message)
        : this(message, [new ValidationError("", message)])
    {
    }

    public InvalidRequestException(string message, Exception innerException)
        : base(message, innerException) => Errors = [new ValidationError("", message)];

    /// <summary>What is wrong, field by field; never empty when thrown by a service.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>One field is wrong: <paramref name="field"/> is its path, e.g. <c>to</c> or <c>parameters.day</c>.</summary>
    public static InvalidRequestException For(string field, string message, string? hint = null) =>
        new((hint is null ? message : message + " " + hint), [new ValidationError(field, message, hint)]);

    private static string Describe(IReadOnlyList<ValidationError> errors) => errors.Count switch
    {
        0 => "The request is not valid.",
        1 => errors[0].ToString(),
        _ => string.Join(" ", errors.Select(e => e.ToString())),
    };
}
