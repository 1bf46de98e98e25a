namespace Workflow.Cli.Watching;

/// <summary>
/// What the watch view needs from a pipeline's outline: each task's configured duration (for the progress bar when
/// the server sends no estimates) and the tasks
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
    /// What each task is expected to take: the server's estimates with its critical path (Core's rule, history in
    /// place of the configured durations, the same numbers its ETA used), else, from an older server, the durations
    /// the outline configures.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> ExpectedWith(RunCriticalPath? critical) =>
        critical?.ExpectedSeconds is { } seconds
            ? seconds.ToDictionary(e => e.Key, e => TimeSpan.FromSeconds(e.Value), StringComparer.Ordinal)
            : ExpectedByTaskId;

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
