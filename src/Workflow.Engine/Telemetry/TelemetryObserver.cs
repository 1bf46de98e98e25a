using System.Collections.Concurrent;
using System.Diagnostics;
using Workflow.Engine.Runtime;
using Workflow.Execution;

namespace Workflow.Engine.Telemetry;

/// <summary>
/// Turns what the engine does into metrics and spans: a span per run with a child span per task attempt, run
/// counters, task durations, schedule lag and queue wait. Queue wait is measured for first attempts, from the
/// moment the last dependency finished (or the run started) to the attempt's start.
/// </summary>
public sealed class TelemetryObserver(WorkflowTelemetry telemetry) : IRunObserver
{
    private readonly ConcurrentDictionary<string, RunTrace> _runs = new(StringComparer.Ordinal);

    public void RunStarted(RunInfo run, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        var pipeline = Tag("pipeline", run.Definition.Id);
        telemetry.RunsStarted.Add(1, pipeline);
        var lag = at - run.LogicalTime;
        telemetry.ScheduleLag.Record(Math.Max(0, lag.TotalSeconds), pipeline);
        // A run span outlives this call; it must not stay Activity.Current on the observer thread.
        var previous = Activity.Current;
        var activity = WorkflowTelemetry.ActivitySource.StartActivity($"run {run.Definition.Id}", ActivityKind.Internal,
            parentContext: default, startTime: at);
        activity?.SetTag("workflow.run_id", run.RunId);
        activity?.SetTag("workflow.pipeline_id", run.Definition.Id);
        activity?.SetTag("workflow.owner_group", run.Definition.OwnerGroup);
        Activity.Current = previous;
        var dependencies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var task in run.Definition.Tasks)
        {
            // A repeated id fails the run in the decider; the trace keeps the first, as a lookup by id would.
            dependencies.TryAdd(task.Id, task.DependsOn);
        }

        _runs[run.RunId] = new RunTrace(activity, at, dependencies,
            new ConcurrentDictionary<string, long>(Environment.ProcessorCount, dependencies.Count,
                StringComparer.Ordinal));
    }

    public void TaskStarted(RunInfo run, string taskKey, int attempt, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (attempt != 1 || !_runs.TryGetValue(run.RunId, out var trace))
        {
            return;
        }

        var taskId = Execution.TaskInstanceKey.TaskIdOf(taskKey);
        var ready = trace.StartedAt;
        if (trace.DependsOn.TryGetValue(taskId, out var dependsOn))
        {
            // By index: a foreach over the list as an interface would box an enumerator for every start.
            for (var i = 0; i < dependsOn.Count; i++)
            {
                if (trace.Finished.TryGetValue(dependsOn[i], out var finished) && finished > ready.UtcTicks)
                {
                    ready = new DateTimeOffset(finished, TimeSpan.Zero);
                }
            }
        }

        telemetry.QueueWait.Record(Math.Max(0, (at - ready).TotalSeconds), Tag("pipeline", run.Definition.Id));
    }

    public void TaskFinished(RunInfo run, TaskFinish finish)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(finish);
        var outcome = finish.Succeeded ? "succeeded" : "failed";
        telemetry.TaskDuration.Record((finish.FinishedAt - finish.StartedAt).TotalSeconds,
            Tag("pipeline", run.Definition.Id), Tag("task", finish.TaskId), Tag("outcome", outcome));
        if (!_runs.TryGetValue(run.RunId, out var trace))
        {
            return;
        }

        trace.Finished.AddOrUpdate(finish.TaskId, static (_, at) => at,
            static (_, old, at) => old > at ? old : at, finish.FinishedAt.UtcTicks);
        if (!WorkflowTelemetry.ActivitySource.HasListeners())
        {
            return; // no span would be made, so its name is not built either
        }

        var previous = Activity.Current;
        using var span = WorkflowTelemetry.ActivitySource.StartActivity($"task {finish.TaskKey}", ActivityKind.Internal,
            trace.Activity?.Context ?? default, startTime: finish.StartedAt);
        if (span is null)
        {
            return;
        }

        span.SetTag("workflow.run_id", run.RunId);
        span.SetTag("workflow.task_key", finish.TaskKey);
        span.SetTag("workflow.attempt", finish.Attempt);
        if (!finish.Succeeded)
        {
            span.SetStatus(ActivityStatusCode.Error, finish.ErrorKind);
        }

        span.SetEndTime(finish.FinishedAt.UtcDateTime);
        span.Stop();
        Activity.Current = previous;
    }

    public void RunCompleted(RunInfo run, RunStatus status, RunSummary summary, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        var name = status.ToString().ToLowerInvariant();
        telemetry.RunsCompleted.Add(1, Tag("pipeline", run.Definition.Id), Tag("status", name));
        if (status == RunStatus.Failed)
        {
            telemetry.RunsFailed.Add(1, Tag("pipeline", run.Definition.Id));
        }

        if (_runs.TryRemove(run.RunId, out var trace) && trace.Activity is { } activity)
        {
            activity.SetTag("workflow.status", name);
            if (status == RunStatus.Failed)
            {
                activity.SetStatus(ActivityStatusCode.Error, $"{summary.Failed} of {summary.Total} tasks failed");
            }

            var previous = Activity.Current;
            activity.SetEndTime(at.UtcDateTime);
            activity.Stop();
            Activity.Current = previous;
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    /// <summary>
    /// A run's span, its start, its finished tasks (a map sized for all of them at once rather than grown step by
    /// step under its locks, which showed in a profile of a 10,000-task run), and each task's dependencies by id.
    /// A task's finish is kept as UTC ticks: a map updates a value of 8 bytes in place, where a new end of a larger
    /// one (a retried task's) would allocate a new entry.
    /// </summary>
    private sealed record RunTrace(Activity? Activity, DateTimeOffset StartedAt,
        Dictionary<string, IReadOnlyList<string>> DependsOn, ConcurrentDictionary<string, long> Finished);
}
