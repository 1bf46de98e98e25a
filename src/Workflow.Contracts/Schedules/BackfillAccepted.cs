namespace Workflow.Contracts;

/// <summary>
/// A backfill and its progress, with the address to poll: the answer of <c>POST /api/pipelines/{id}/backfills</c>,
/// of the backfill resource and of its status URI.
/// </summary>
public sealed record BackfillAccepted(string BackfillId, string PipelineId, string Schedule, DateTimeOffset From,
    DateTimeOffset To, int MaxActiveRuns, DateTimeOffset CreatedAt, string CreatedBy, BackfillProgress Progress,
    string StatusQueryGetUri);

/// <summary>
/// Counts over a backfill's runs: <see cref="Total"/> occurrences; <see cref="Started"/> runs it started;
/// <see cref="Existing"/> occurrences that already had their run; <see cref="Skipped"/> left out by the overlap
/// policy; <see cref="Waiting"/> not yet started; and of the started and existing runs, how many
/// <see cref="Succeeded"/>, <see cref="Failed"/> (or were cancelled) and are <see cref="Running"/>.
/// <see cref="Done"/> is the server's verdict that the backfill has ended (nothing waits, nothing runs).
/// </summary>
public sealed record BackfillProgress(int Total, int Started, int Existing, int Skipped, int Waiting, int Succeeded,
    int Failed, int Running, bool Done);
