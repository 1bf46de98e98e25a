using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Backfills;

/// <summary>
/// The input of the <c>Backfill</c> orchestration, carried from pass to pass through ContinueAsNew: what was asked,
/// each run's state, and the progress after the last pass. A manual run queued by the <c>queue</c> overlap policy
/// is a backfill of one run with trigger <c>manual</c>.
/// </summary>
public sealed record BackfillState(
    string BackfillId,
    string PipelineId,
    string Schedule,
    DateTimeOffset From,
    DateTimeOffset To,
    int MaxActiveRuns,
    OverlapPolicy? Overlap,
    JsonElement? Parameters,
    string Actor,
    DateTimeOffset CreatedAt,
    RunTrigger Trigger,
    TimeSpan PollInterval,
    IReadOnlyList<BackfillEntry> Runs)
{
    public BackfillProgress Progress => BackfillProgress.Of([.. Runs.Select(r => (r.State, r.Status))]);

    public BackfillRecord Record() =>
        new(BackfillId, PipelineId, Schedule, From, To, MaxActiveRuns, CreatedAt, Actor, Progress);
}

/// <summary>One run of a backfill: its id, logical time, <see cref="BackfillRunStates"/> name and last seen status.</summary>
public sealed record BackfillEntry(string RunId, DateTimeOffset LogicalTime, string State, RunStatus? Status = null);

/// <summary>The names of the backfill's orchestration and activity, and its instance ids.</summary>
public static class BackfillNames
{
    public const string Orchestration = "Backfill";
    public const string StepActivity = "BackfillStep";

    public static string InstanceId(string pipelineId, string backfillId) => $"backfill:{pipelineId}:{backfillId}";
}
