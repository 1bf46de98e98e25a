namespace Workflow.Cli.Watching;

/// <summary>
/// What the watch view needs from a pipeline's outline: each task's expected duration (for the ETA) and the tasks
/// themselves, so a run whose later tasks are not materialized yet still shows its full size.
/// </summary>
public sealed record PipelineShape(IReadOnlyDictionary<string, TimeSpan> ExpectedByTaskId, IReadOnlyList<TaskInfo> Tasks)
{
    public static PipelineShape Empty { get; } = new(new Dictionary<string, TimeSpan>(), []);

    /// <summary>The shape of a pipeline from its outline: the durations its definition expects, and its tasks.</summary>
    public static PipelineShape FromOutline(PipelineOutline outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        var expected = outline.Tasks
            .Where(t => t.ExpectedSeconds is not null)
            .GroupBy(t => t.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => TimeSpan.FromSeconds(g.First().ExpectedSeconds!.Value),
                StringComparer.Ordinal);
        var tasks = outline.Tasks
            .Select(t => new TaskInfo(t.Id, t.Id, TaskStatusNames.Pending, 0, null, null, null, t.DependsOn))
            .ToList();
        return new PipelineShape(expected, tasks);
    }

    /// <summary>
    /// Expected durations with the server's history (seconds per task id) taking the place of configured ones:
    /// what the tasks really took recently is the better guess, and it is known before this run finishes any task.
    /// </summary>
    public PipelineShape WithHistory(IReadOnlyDictionary<string, double>? seconds)
    {
        if (seconds is not { Count: > 0 })
        {
            return this;
        }

        var merged = new Dictionary<string, TimeSpan>(ExpectedByTaskId, StringComparer.Ordinal);
        foreach (var (taskId, value) in seconds)
        {
            merged[taskId] = TimeSpan.FromSeconds(value);
        }

        return this with { ExpectedByTaskId = merged };
    }

    /// <summary>The run's tasks plus, while it runs, pending rows for definition tasks it has not reached yet.</summary>
    public IReadOnlyList<TaskInfo> Complete(RunDetail detail)
    {
        if (Progress.States.IsRunFinished(detail.Run.Status))
        {
            return detail.Tasks;
        }

        var present = detail.Tasks.Select(t => t.TaskId).ToHashSet(StringComparer.Ordinal);
        return [.. detail.Tasks, .. Tasks.Where(t => !present.Contains(t.TaskId))];
    }
}
