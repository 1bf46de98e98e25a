using Workflow.Execution;
using Workflow.Progress;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>
/// A run with one record per task instance: instances that ran are summed up from their attempts; tasks that never
/// had a worker show the decider's state (<see cref="DeciderTaskStates"/>): a delay waiting is running.
/// </summary>
internal static class RunDetails
{
    public static async ValueTask<RunDetail?> ReadAsync(RunQueries runs, PipelineQueries pipelines, string runId,
        CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var pipeline = (await pipelines.GetAsync(run.PipelineId, run.PipelineVersion, cancellationToken))?.Definition;
        var attempts = await runs.AttemptsAsync(runId, null, cancellationToken);
        var byTask = attempts.GroupBy(a => a.TaskId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(a => a.Attempt.TaskKey, StringComparer.Ordinal).ToList(),
                StringComparer.Ordinal);
        var active = run.Status.IsActive();
        // A run still going is read from its events only when it has tasks the decider carries out itself (delay,
        // wait-until, sub-pipeline): their state is nowhere else. So is one whose version the catalogue does not
        // give (a generated version its pipeline source no longer generates): the run's state keeps its definition.
        var state = !active || pipeline is null || DeciderTaskStates.AnyIn(pipeline)
            ? await runs.SnapshotAsync(runId, cancellationToken)
            : null;
        var definition = pipeline ?? state?.Definition;
        var finalState = active ? null : state;
        var final = finalState?.Tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var deciderTasks = active && state is not null ? DeciderTaskStates.Of(state) : null;
        var tasks = new List<TaskInstanceRecord>();
        foreach (var task in definition?.Tasks ?? [])
        {
            if (!byTask.Remove(task.Id, out var instances))
            {
                // Tasks that never had a worker: not yet ready, skipped, or carried out by the decider itself
                // (delay, wait-until, sub-pipeline); the final snapshot knows which, and while the run goes on the
                // decider's state knows the last kind.
                if (final?.GetValueOrDefault(task.Id) is { } ended)
                {
                    tasks.Add(new TaskInstanceRecord(task.Id, task.Id, ended.Status, 0, null, null, ended.Error,
                        task.DependsOn));
                    continue;
                }

                foreach (var (key, status) in DeciderTaskStates.UnitsOf(task, deciderTasks, run.Status))
                {
                    tasks.Add(new TaskInstanceRecord(key, task.Id, status, 0, null, null, null, task.DependsOn));
                }

                continue;
            }

            tasks.AddRange(instances.Select(i => Instance(i.Key, task.Id, i.Select(a => a.Attempt).ToList(), task.DependsOn)));
            tasks.AddRange(KeptInstances(finalState, task, instances.Select(i => i.Key)));
        }

        foreach (var (taskId, instances) in byTask)
        {
            tasks.AddRange(instances.Select(i => Instance(i.Key, taskId, i.Select(a => a.Attempt).ToList(), [])));
        }

        return new RunDetail(run, tasks, await runs.ChildrenAsync(runId, cancellationToken));
    }

    /// <summary>Map instances a rerun kept: they have no attempts in this run, only their state in its final snapshot.</summary>
    private static IEnumerable<TaskInstanceRecord> KeptInstances(RunState? finalState, Model.TaskDefinition task,
        IEnumerable<string> ran)
    {
        if (task.Map is null || finalState?.Tasks.Find(t => t.Id == task.Id) is not { FirstInstance: >= 0 } state)
        {
            return [];
        }

        var seen = ran.ToHashSet(StringComparer.Ordinal);
        return finalState.Units.GetRange(state.FirstInstance, state.InstanceCount)
            .Where(u => !seen.Contains(u.Key))
            .Select(u => new TaskInstanceRecord(u.Key, task.Id, u.Status, 0, null, null, u.Error, task.DependsOn));
    }

    private static TaskInstanceRecord Instance(string taskKey, string taskId, List<TaskAttemptRecord> attempts,
        IReadOnlyList<string> dependsOn)
    {
        var last = attempts.MaxBy(a => a.Attempt)!;
        return new TaskInstanceRecord(taskKey, taskId, last.Status, attempts.Count,
            attempts.Min(a => a.StartedAt), last.FinishedAt, last.Error, dependsOn);
    }
}
