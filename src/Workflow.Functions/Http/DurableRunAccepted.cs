namespace Workflow.Functions.Http;

/// <summary>
/// The answer to starting a run in Azure: Durable's HTTP management payload with the run id added, so a client can
/// poll <see cref="StatusQueryGetUri"/> as for any Durable orchestration and still read the run through the API.
/// </summary>
public sealed record DurableRunAccepted(
    string? Id,
    string RunId,
    string? StatusQueryGetUri,
    string? SendEventPostUri,
    string? TerminatePostUri,
    string? PurgeHistoryDeleteUri,
    string? SuspendPostUri,
    string? ResumePostUri);
