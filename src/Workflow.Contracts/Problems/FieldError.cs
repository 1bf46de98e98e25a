namespace Workflow.Contracts;

/// <summary>
/// One item of a problem's <c>errors</c> list: where (a JSON path such as <c>$.tasks[2].dependsOn</c>, or a query
/// parameter's name), what is wrong, and how to fix it. <see cref="Path"/> is null when a problem concerns no one
/// field (a client also meets this for ASP.NET's own <c>{"field": ["message"]}</c> form).
/// </summary>
public sealed record FieldError(string? Path, string Message, string? Hint = null);
