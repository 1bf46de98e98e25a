namespace Workflow.Validation;

/// <summary>Gathers errors up to <see cref="ValidationOptions.MaxErrors"/> and notes how many more there were.</summary>
internal sealed class ErrorCollector(int maxErrors)
{
    private readonly List<ValidationError> _errors = [];
    private int _dropped;

    public void Add(string path, string message, string? hint = null)
    {
        if (_errors.Count < maxErrors)
        {
            _errors.Add(new ValidationError(path, message, hint));
        }
        else
        {
            _dropped++;
        }
    }

    public ValidationResult ToResult()
    {
        if (_dropped > 0)
        {
            _errors.Add(new ValidationError("", $"{_dropped} more problems were found but not listed.",
                "Fix the problems above and validate again."));
            _dropped = 0;
        }

        return _errors.Count == 0 ? ValidationResult.Valid : new ValidationResult(_errors.ToArray());
    }
}
