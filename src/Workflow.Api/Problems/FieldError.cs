namespace Workflow.Api.Problems;

/// <summary>One thing wrong with a request: where (a JSON path such as <c>$.tasks[2].dependsOn</c>), what, and how to fix it.</summary>
public sealed record FieldError(string Path, string Message, string? Hint = null);
