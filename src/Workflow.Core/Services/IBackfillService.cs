using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Services;

/// <summary>
/// Backfills: one run per occurrence of a schedule in a past range (planned by <c>Scheduling.BackfillPlanner</c>),
/// started at most <see cref="BackfillRequest.MaxActiveRuns"/> at a time. The embedded engine keeps them in SQLite;
/// the Azure app runs each as a Durable orchestration. Errors a caller can cause are <see cref="InvalidRequestException"/>
/// (naming the request field) and <see cref="NotFoundException"/>.
/// </summary>
public interface IBackfillService
{
    ValueTask<BackfillRecord> StartAsync(BackfillRequest request, CancellationToken cancellationToken);

    ValueTask<BackfillRecord?> GetAsync(string pipelineId, string backfillId, CancellationToken cancellationToken);
}

/// <summary>What a caller asks for. <see cref="Overlap"/> overrides the pipeline's policy for these runs.</summary>
public sealed record BackfillRequest(
    string PipelineId,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Schedule,
    int MaxActiveRuns,
    string Actor,
    OverlapPolicy? Overlap = null);

/// <summary>A backfill and where it stands.</summary>
public sealed record BackfillRecord(
    string BackfillId,
    string PipelineId,
    string Schedule,
    DateTimeOffset From,
    DateTimeOffset To,
    int MaxActiveRuns,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    BackfillProgress Progress);

/// <summary>
/// Counts over a backfill's runs: <see cref="Total"/> occurrences; <see cref="Started"/> runs it started;
/// <see cref="Existing"/> occurrences that already had their run (an earlier backfill or the scheduler);
/// <see cref="Skipped"/> left out by the overlap policy; <see cref="Waiting"/> not yet started; and of the started
/// and existing runs, how many <see cref="Succeeded"/>, <see cref="Failed"/> (or were cancelled) and are
/// <see cref="Running"/>.
/// </summary>
public sealed record BackfillProgress(int Total, int Started, int Existing, int Skipped, int Waiting, int Succeeded,
    int Failed, int Running)
{
    public bool Done => Waiting == 0 && Running == 0;

    /// <summary>Counts runs given as (<see cref="BackfillRunStates"/> name, the run's status once it exists).</summary>
    public static BackfillProgress Of(IReadOnlyList<(string State, Execution.RunStatus? Status)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var ran = runs.Where(r => r.State is BackfillRunStates.Started or BackfillRunStates.Existing).ToList();
        return new BackfillProgress(runs.Count, runs.Count(r => r.State == BackfillRunStates.Started),
            runs.Count(r => r.State == BackfillRunStates.Existing), runs.Count(r => r.State == BackfillRunStates.Skipped),
            runs.Count(r => r.State == BackfillRunStates.Waiting),
            ran.Count(r => r.Status == Execution.RunStatus.Succeeded),
            ran.Count(r => r.Status is Execution.RunStatus.Failed or Execution.RunStatus.Cancelled),
            ran.Count(r => r.Status is { } s && s.IsActive()));
    }
}

/// <summary>
/// Where one run of a backfill stands: <see cref="Waiting"/> to start, <see cref="Started"/> by this backfill,
/// <see cref="Existing"/> (its run id was already taken: the scheduler or an earlier backfill ran it), or
/// <see cref="Skipped"/> (left out by the overlap policy, or refused at start).
/// </summary>
public static class BackfillRunStates
{
    public const string Waiting = "waiting";
    public const string Started = "started";
    public const string Existing = "existing";
    public const string Skipped = "skipped";
}

/// <summary>Limits of backfills, bound from <c>Workflow:Backfill</c> in both hosts.</summary>
public sealed class BackfillOptions
{
    public const string Section = "Workflow:Backfill";

    /// <summary>The most runs one backfill may start; a larger range is refused with its count.</summary>
    public int MaxRuns { get; set; } = Scheduling.BackfillPlanner.DefaultMaxRuns;

    /// <summary>The runs at once when the request does not say.</summary>
    public int DefaultMaxActiveRuns { get; set; } = 1;

    /// <summary>How often waiting runs are looked at besides when a run ends.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
