using Workflow.Services;

namespace Workflow.Validation;

/// <summary>
/// Thrown where a definition must be valid (storing it, starting a run); carries every problem so the caller
/// can show them all, not just the first. A request error of the service contract (a 400).
/// </summary>
public sealed class PipelineValidationException : InvalidRequestException
{
    public PipelineValidationException(IReadOnlyList<ValidationError> errors)
        : base(Summarize(errors), errors)
    {
    }

    public PipelineValidationException()
        : this([])
    {
    }

    public PipelineValidationException(string message)
        : this([new ValidationError("", message)])
    {
    }

    public PipelineValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private static string Summarize(IReadOnlyList<ValidationError> errors) => errors.Count switch
    {
        0 => "The pipeline definition is not valid.",
        1 => $"The pipeline definition is not valid: {errors[0]}",
        _ => $"The pipeline definition has {errors.Count} problems:{Environment.NewLine}" +
             string.Join(Environment.NewLine, errors.Select(e => "- " + e)),
    };
}
