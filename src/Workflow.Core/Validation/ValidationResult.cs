namespace Workflow.Validation;

/// <summary>Every problem found in one pass; valid when there are none.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationError> Errors)
{
    public static ValidationResult Valid { get; } = new([]);

    public bool IsValid => Errors.Count == 0;

    /// <summary>Throws <see cref="PipelineValidationException"/> carrying the errors unless valid.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new PipelineValidationException(Errors);
        }
    }
}
