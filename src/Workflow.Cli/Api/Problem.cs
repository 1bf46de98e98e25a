namespace Workflow.Cli.Api;

/// <summary>
/// An RFC 7807 problem as the CLI shows it: the server's title and detail, plus the per-field list that
/// validation failures carry, read into the API's <see cref="FieldError"/>s (whatever form the server wrote them in).
/// </summary>
public sealed record Problem(int Status, string? Title, string? Detail, IReadOnlyList<FieldError> Errors);
