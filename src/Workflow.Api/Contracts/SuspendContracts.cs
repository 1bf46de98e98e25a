namespace Workflow.Api.Contracts;

/// <summary>The body of a suspend or resume, optional: a reason kept in the audit log.</summary>
public sealed record SuspendRequest(string? Reason);

/// <summary>
/// The answer of a suspend or resume. 202: the run is <c>suspending</c> or <c>resuming</c> (poll it to see the
/// status change); 200: it already was <c>suspended</c> or <c>running</c>, and nothing changed.
/// </summary>
public sealed record RunSuspension(string RunId, string Status);
