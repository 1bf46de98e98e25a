namespace Workflow.Validation;

/// <summary>
/// Gathers errors up to <see cref="ValidationOptions.MaxErrors"/> and notes how many more there were. A section
/// (<see cref="Section"/>) is a collector whose errors are reported where it was opened, however late they are
/// added: one pass over the tasks can then check templates, task fields and dependencies together and still
/// report them in the order of the checks (all template errors, then all task errors, then all graph errors).
/// </summary>
internal sealed class ErrorCollector(int maxErrors)
{
    private readonly List<ValidationError> _errors = [];
    private readonly List<(int At, ErrorCollector Section)> _sections = [];
    private int _count; // every error added here, kept or not

    /// <summary>How many errors were added here (not counting sections): a mark for <see cref="Truncate"/>.</summary>
    public int Count => _count;

    public void Add(string path, string message, string? hint = null)
    {
        // Each collector keeps its first maxErrors, which is all the merged list can take from it.
        if (_errors.Count < maxErrors)
        {
            _errors.Add(new ValidationError(path, message, hint));
        }

        _count++;
    }

    /// <summary>Forgets the errors added since <see cref="Count"/> was <paramref name="mark"/>.</summary>
    public void Truncate(int mark)
    {
        if (mark < _errors.Count)
        {
            _errors.RemoveRange(mark, _errors.Count - mark);
        }

        _count = mark;
    }

    /// <summary>
    /// A collector whose errors are reported here, after the errors added so far and before any added later.
    /// </summary>
    public ErrorCollector Section()
    {
        var section = new ErrorCollector(maxErrors);
        _sections.Add((_count, section));
        return section;
    }

    public ValidationResult ToResult()
    {
        var errors = new List<ValidationError>();
        var total = Merge(errors);
        if (total > errors.Count)
        {
            errors.Add(new ValidationError("", $"{total - errors.Count} more problems were found but not listed.",
                "Fix the problems above and validate again."));
        }

        return errors.Count == 0 ? ValidationResult.Valid : new ValidationResult(errors.ToArray());
    }

    /// <summary>Adds this collector's errors, its sections' in their places, up to maxErrors; returns how many there were.</summary>
    private int Merge(List<ValidationError> into)
    {
        var total = _count;
        var next = 0; // the next error of this collector to take
        foreach (var (at, section) in _sections)
        {
            Take(into, Math.Min(at, _errors.Count), ref next);
            total += section.Merge(into);
        }

        Take(into, _errors.Count, ref next);
        return total;
    }

    private void Take(List<ValidationError> into, int until, ref int next)
    {
        for (; next < until && into.Count < maxErrors; next++)
        {
            into.Add(_errors[next]);
        }

        next = Math.Max(next, until);
    }
}
