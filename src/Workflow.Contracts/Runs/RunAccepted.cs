namespace Workflow.Contracts;

/// <summary>
/// The answer to a trigger or a rerun, shaped like the Durable Functions HTTP management payload so that existing
/// clients can poll <see cref="StatusQueryGetUri"/>. The embedded host fills every field. The Azure app answers a
/// trigger with Durable's own payload: the same <c>id</c>, <c>runId</c>, <c>statusQueryGetUri</c> and
/// <c>terminatePostUri</c>, which Durable may leave out, and no <c>rerunPostUri</c>; so only <see cref="RunId"/> is
/// sure to be there.
/// </summary>
public sealed record RunAccepted(string? Id, string RunId, string? StatusQueryGetUri, string? TerminatePostUri,
    string? RerunPostUri);
