namespace Workflow.Cli.Api;

/// <summary>
/// An RFC 7807 problem as the CLI shows it: the server's title and detail, plus the per-field list that
/// validation failures carry, already flattened into <see cref="ValidationIssue"/>s.
/// </summary>
public sealed record Problem(int Status, string? Title, string? Detail, IReadOnlyList<ValidationIssue> Errors);

/// <summary>One field-level problem: where (a JSON path), what is wrong, and how to fix it.</summary>
public sealed record ValidationIssue(string? Path, string Message, string? Hint);
