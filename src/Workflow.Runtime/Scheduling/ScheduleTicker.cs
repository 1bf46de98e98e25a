using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Runtime.Scheduling;

/// <summary>
/// One tick of the scheduler: for each due schedule of each enabled pipeline, the occurrences in (watermark, now],
/// filtered by the catch-up policy and the overlap policy, start runs whose ids derive from the pipeline and the
/// occurrence. Starting an existing run id is a no-op, and watermarks move by compare-and-set, so ticks that overlap,
/// or two hosts ticking on one store, never start a run twice. With a <see cref="IScheduleDueIndex"/> (the embedded
/// host) a tick touches only the schedules whose next fire time has come; without one (the Azure app) it looks at
/// every pipeline, as the index would need a store shared with the pipeline saves.
/// </summary>
public sealed class ScheduleTicker(
    IWorkflowService workflow,
    IWatermarkStore watermarks,
    TimeProvider time,
    IOptions<SchedulerOptions> options,
    ILogger<ScheduleTicker> logger,
    IScheduleDueIndex? index = null)
{
    private readonly CompiledPipelines _compiled = new();

    public async Task<TickReport> TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var due = index is null
            ? await AllSchedulesAsync(cancellationToken)
            : await DueSchedulesAsync(index, now, cancellationToken);
        if (due.Count == 0)
        {
            return TickReport.Empty(now);
        }

        var stored = await watermarks.LoadAsync(cancellationToken);
        var active = await ActiveRuns.LoadAsync(workflow, cancellationToken);
        var counters = new TickCounters();
        var moves = new ConcurrentQueue<(DueSchedule, DateTimeOffset?)>();
        await Parallel.ForEachAsync(due.GroupBy(d => d.Pipeline),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.MaxParallelStarts), CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                foreach (var (pipeline, key, row) in group)
                {
                    try
                    {
                        var (schedule, rule) = pipeline.Schedules[key];
                        rule ??= Schedule.From(schedule);
                        var reached = await FireAsync(pipeline.Record, schedule, rule, key, stored, active, now, counters, ct);
                        if (row is not null)
                        {
                            moves.Enqueue((row, ScheduleMath.NextAfter(rule, reached)));
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        counters.Failed();
                        Log.ScheduleFailed(logger, pipeline.Record.Definition.Id, key, ex);
                    }
                }
            });

        if (index is not null)
        {
            await index.MoveOnAsync([.. moves], cancellationToken);
        }

        var report = counters.Report(now);
        if (report.Started + report.Skipped + report.Deferred + report.CancelledPrevious > 0)
        {
            Log.TickDone(logger, now, report.Started, report.Skipped, report.Deferred, report.CancelledPrevious);
        }

        return report;
    }

    /// <summary>Every enabled schedule of every enabled pipeline: the tick without an index.</summary>
    private async Task<IReadOnlyList<(CompiledPipeline Pipeline, string Key, DueSchedule? Row)>> AllSchedulesAsync(
        CancellationToken ct)
    {
        var pipelines = await workflow.ListPipelinesAsync(ct);
        return [.. pipelines.Select(_compiled.Of).SelectMany(p => p.Schedules.Keys.Select(k => (p, k, (DueSchedule?)null)))];
    }

    /// <summary>The index's due rows, with their pipeline versions; rows whose schedule is gone are dropped.</summary>
    private async Task<IReadOnlyList<(CompiledPipeline Pipeline, string Key, DueSchedule? Row)>> DueSchedulesAsync(
        IScheduleDueIndex due, DateTimeOffset now, CancellationToken ct)
    {
        await due.EnsureBuiltAsync(workflow, ct);
        var rows = await due.DueAsync(now, options.Value.MaxDueSchedulesPerTick, ct);
        var result = new List<(CompiledPipeline, string, DueSchedule?)>(rows.Count);
        var gone = new List<(DueSchedule, DateTimeOffset?)>();
        foreach (var row in rows)
        {
            var pipeline = await _compiled.GetAsync(workflow, row.PipelineId, row.Version, ct);
            if (pipeline is not null && pipeline.Schedules.ContainsKey(row.ScheduleKey))
            {
                result.Add((pipeline, row.ScheduleKey, row));
            }
            else
            {
                gone.Add((row, null));
            }
        }

        await due.MoveOnAsync(gone, ct);
        return result;
    }

    /// <summary>Fires one schedule; returns the watermark it has reached, which its next occurrence follows.</summary>
    private async Task<DateTimeOffset> FireAsync(PipelineRecord pipeline, ScheduleDefinition schedule, ISchedule rule,
        string key, IReadOnlyDictionary<(string, string), DateTimeOffset> stored, ActiveRuns active,
        DateTimeOffset now, TickCounters counters, CancellationToken ct)
    {
        var o = options.Value;
        var id = pipeline.Definition.Id;
        DateTimeOffset? watermark = stored.TryGetValue((id, key), out var w) ? w : null;
        var from = watermark ?? Min(pipeline.UpdatedAt, now);
        var found = ScheduleMath.Occurrences(rule, from, now, o.MaxOccurrencesPerTick);
        if (found.Count == 0)
        {
            if (watermark is null)
            {
                // Pin where this schedule started counting, so a later version's timestamp cannot move it.
                await watermarks.TryAdvanceAsync(id, key, null, from, ct);
            }

            return from;
        }
        var decision = CatchUp.Apply(found, now, schedule.CatchUp, o.MisfireThreshold);
        var selected = decision.Start;
        counters.Skipped(decision.Skipped);
        if (decision.DroppedOverBound > 0)
        {
            Log.CatchUpBounded(logger, id, ScheduleNames.Describe(schedule), decision.DroppedOverBound,
                schedule.CatchUp.MaxRuns);
        }

        var reached = decision.Watermark;
        var overlap = pipeline.Definition.Concurrency.Overlap;
        var tag = RunIds.ScheduleTag(pipeline.Definition, schedule);
        foreach (var occurrence in selected)
        {
            var runId = RunIds.ForSchedule(id, occurrence, tag);
            var earlier = active.EarlierThan(id, occurrence, runId);
            if (overlap == OverlapPolicy.Skip && earlier.Count > 0)
            {
                counters.Skipped();
                Log.OccurrenceSkipped(logger, runId, id);
                continue;
            }

            if (overlap == OverlapPolicy.Queue && earlier.Count > 0)
            {
                // The watermark stays before this occurrence, so a later tick starts it once the earlier run ends.
                counters.Deferred();
                reached = occurrence - TimeSpan.FromTicks(1);
                break;
            }

            if (overlap == OverlapPolicy.CancelPrevious)
            {
                foreach (var run in earlier)
                {
                    await workflow.CancelRunAsync(run.RunId, o.Actor, $"superseded by {runId}", ct);
                    active.Remove(run.RunId);
                    counters.CancelledPrevious();
                }
            }

            var started = await workflow.StartRunAsync(new StartRunRequest(id, RunTrigger.Schedule, o.Actor,
                schedule.Parameters, runId, occurrence), ct);
            active.Add(started);
            counters.Started();
        }

        if (watermark is null || reached > watermark.Value)
        {
            await watermarks.TryAdvanceAsync(id, key, watermark, reached, ct);
        }

        return watermark is { } before && before > reached ? before : reached;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Thread-safe counts, since pipelines are fired in parallel.</summary>
    private sealed class TickCounters
    {
        private int _started, _skipped, _deferred, _cancelled, _failed;

        public void Started() => Interlocked.Increment(ref _started);
        public void Skipped(int count = 1) => Interlocked.Add(ref _skipped, count);
        public void Deferred() => Interlocked.Increment(ref _deferred);
        public void CancelledPrevious() => Interlocked.Increment(ref _cancelled);
        public void Failed() => Interlocked.Increment(ref _failed);

        public TickReport Report(DateTimeOffset at) => new(at, _started, _skipped, _deferred, _cancelled, _failed);
    }
}
