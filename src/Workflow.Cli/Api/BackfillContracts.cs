namespace Workflow.Cli.Api;

/// <summary>A backfill as <c>/api/pipelines/{id}/backfills</c> answers it.</summary>
public sealed record BackfillStatus(
    string BackfillId,
    string PipelineId,
    string Schedule,
    DateTimeOffset From,
    DateTimeOffset To,
    int MaxActiveRuns,
    BackfillCounts Progress,
    string? StatusQueryGetUri);

/// <summary>Where a backfill's runs stand.</summary>
public sealed record BackfillCounts(int Total, int Started, int Existing, int Skipped, int Waiting, int Succeeded,
    int Failed, int Running)
{
    public bool Done => Waiting == 0 && Running == 0;
}

/// <summary>One schedule of a pipeline with its state, from <c>GET /api/pipelines/{id}/schedules</c>.</summary>
public sealed record ScheduleStatusItem(string Schedule, string? Kind, bool Enabled, DateTimeOffset? Start,
    DateTimeOffset? End, string State, DateTimeOffset? NextFireTime);
