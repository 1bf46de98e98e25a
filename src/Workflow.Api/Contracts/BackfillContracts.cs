using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Api.Contracts;

/// <summary>
/// The body of <c>POST /api/pipelines/{id}/backfills</c>: the range <c>[from, to]</c>, the schedule (optional when
/// the pipeline has one), the most runs at once, and an overlap policy overriding the pipeline's.
/// </summary>
public sealed record BackfillBody(DateTimeOffset? From, DateTimeOffset? To, string? Schedule = null,
    int? MaxActiveRuns = null, OverlapPolicy? Overlap = null);

/// <summary>A backfill and its progress, with the address to poll.</summary>
public sealed record BackfillAccepted(string BackfillId, string PipelineId, string Schedule, DateTimeOffset From,
    DateTimeOffset To, int MaxActiveRuns, DateTimeOffset CreatedAt, string CreatedBy, BackfillProgress Progress,
    string StatusQueryGetUri)
{
    public static BackfillAccepted Of(BackfillRecord r, string statusUri)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.BackfillId, r.PipelineId, r.Schedule, r.From, r.To, r.MaxActiveRuns, r.CreatedAt, r.CreatedBy,
            r.Progress, statusUri);
    }
}

/// <summary>One schedule of a pipeline and where it stands now: <c>active</c>, <c>pending</c>, <c>expired</c>, ….</summary>
public sealed record ScheduleStatus(string Schedule, ScheduleKind Kind, bool Enabled, DateTimeOffset? Start,
    DateTimeOffset? End, ScheduleState State, DateTimeOffset? NextFireTime);
