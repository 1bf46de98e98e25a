namespace Workflow.Api.Contracts;

/// <summary>
/// The answer of a suspend or resume. 202: the run is <c>suspending</c> or <c>resuming</c> (poll it to see the
/// status change); 200: it already was <c>suspended</c> or <c>running</c>, and nothing changed. Its body (the
/// <c>Workflow.Contracts.SuspendRequest</c>) is shared with wf.
/// </summary>
public sealed record RunSuspension(string RunId, string Status);
