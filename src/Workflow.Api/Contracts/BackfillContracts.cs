using Workflow.Model;

namespace Workflow.Api.Contracts;

/// <summary>
/// The body of <c>POST /api/pipelines/{id}/backfills</c>: the range <c>[from, to]</c>, the schedule (optional when
/// the pipeline has one), the most runs at once, and an overlap policy overriding the pipeline's (read as the model's
/// enum, which is why the record stays here).
/// </summary>
public sealed record BackfillBody(DateTimeOffset? From, DateTimeOffset? To, string? Schedule = null,
    int? MaxActiveRuns = null, OverlapPolicy? Overlap = null);
