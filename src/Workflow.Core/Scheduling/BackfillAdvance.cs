using Workflow.Model;

namespace Workflow.Scheduling;

/// <summary>
/// The one rule both hosts use to move a backfill on: while fewer than <c>maxActiveRuns</c> of its runs are queued
/// or running, its oldest waiting runs go through the <see cref="Overlap"/> rule against the pipeline's active
/// runs outside the backfill: <c>queue</c> waits, <c>skip</c> leaves the run out, <c>cancel-previous</c> cancels
/// those runs first, <c>allow</c> (or nothing else active) starts it. A pure function over a snapshot.
/// </summary>
public static class BackfillAdvance
{
    public static BackfillMove Next(IReadOnlyList<BackfillSlot> runs, int maxActiveRuns, OverlapPolicy policy,
        int otherActiveRuns)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var slots = maxActiveRuns - runs.Count(r => r.Active);
        var waiting = runs.Where(r => r.Waiting).OrderBy(r => r.LogicalTime).Take(Math.Max(0, slots))
            .Select(r => r.RunId).ToList();
        return Overlap.Decide(policy, otherActiveRuns) switch
        {
            OverlapAction.Queue => new BackfillMove([], [], false),
            OverlapAction.Skip => new BackfillMove([], waiting, false),
            OverlapAction.CancelPreviousThenStart => new BackfillMove(waiting, [], waiting.Count > 0),
            _ => new BackfillMove(waiting, [], false),
        };
    }
}

/// <summary>One run of a backfill as a pass sees it: not started yet, or started and still queued or running.</summary>
public sealed record BackfillSlot(string RunId, DateTimeOffset LogicalTime, bool Waiting, bool Active);

/// <summary>What a pass does: the runs to start (oldest first), those to leave out, and whether to cancel the others first.</summary>
public sealed record BackfillMove(IReadOnlyList<string> Start, IReadOnlyList<string> Skip, bool CancelOthers);
