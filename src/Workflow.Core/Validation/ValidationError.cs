namespace Workflow.Validation;

/// <summary>
/// One problem in a pipeline definition: where it is (<c>tasks[3].dependsOn[0]</c>, empty for the whole
/// definition), what is wrong, and how to fix it. The API turns these into problem details as they are.
/// </summary>
public sealed record ValidationError(string Path, string Message, string? Hint = null)
{
    public override string ToString() =>
        (Path.Length == 0 ? "" : Path + ": ") + Message + (Hint is null ? "" : " " + Hint);
}
