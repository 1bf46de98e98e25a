namespace Workflow.Contracts;

/// <summary>The body of a suspend or resume, optional: a reason kept in the audit log.</summary>
public sealed record SuspendRequest(string? Reason);
