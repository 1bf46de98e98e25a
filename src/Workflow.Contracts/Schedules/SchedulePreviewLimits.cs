namespace Workflow.Contracts;

/// <summary>
/// How many fire times one schedule preview (<c>GET /api/pipelines/{id}/schedule/preview?count=N</c>) gives. The
/// server refuses a larger count and wf checks its <c>--count</c> against the same number before asking, so the two
/// cannot disagree.
/// </summary>
public static class SchedulePreviewLimits
{
    /// <summary>The count when none is given.</summary>
    public const int DefaultCount = 10;

    /// <summary>The largest count a preview computes.</summary>
    public const int MaxCount = 100;
}
