using System.Text.Json;
using Workflow.Cli.Api;
using Workflow.Json;

namespace Workflow.Cli.Watching;

/// <summary>
/// What the watch view needs from a definition: each task's expected duration (for the ETA) and the tasks
/// themselves, so a run whose later tasks are not materialized yet still shows its full size.
/// </summary>
public sealed record PipelineShape(IReadOnlyDictionary<string, TimeSpan> ExpectedByTaskId, IReadOnlyList<TaskInfo> Tasks)
{
    public static PipelineShape Empty { get; } = new(new Dictionary<string, TimeSpan>(), []);

    /// <summary>Reads a definition as the API returns it; anything unreadable yields an empty shape, not an error.</summary>
    public static PipelineShape FromDefinition(JsonElement definition)
    {
        if (definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("definition", out var inner))
        {
            definition = inner;
        }

        try
        {
            var parsed = PipelineJson.Parse(definition.GetRawText());
            var expected = parsed.Tasks
                .Where(t => t.ExpectedDuration is not null)
                .GroupBy(t => t.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().ExpectedDuration!.Value, StringComparer.Ordinal);
            var tasks = parsed.Tasks
                .Select(t => new TaskInfo(t.Id, t.Id, "pending", 0, null, null, null, t.DependsOn))
                .ToList();
            return new PipelineShape(expected, tasks);
        }
        catch (JsonException)
        {
            return Empty;
        }
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
