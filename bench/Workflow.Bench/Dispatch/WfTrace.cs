using System.Text.Json;
using Workflow.Model;

namespace Workflow.Bench.Dispatch;

/// <summary>
/// Reads a WfFormat workflow trace (WfCommons): tasks and parents from <c>workflow.specification.tasks</c>,
/// measured run times from <c>workflow.execution.tasks[].runtimeInSeconds</c>, as a pipeline whose expected
/// durations are those run times.
/// </summary>
public static class WfTrace
{
    /// <summary>The trace at <paramref name="path"/>; a file that is not one is named in the error.</summary>
    public static PipelineDefinition Load(string path)
    {
        try
        {
            return Read(path);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
        {
            throw new InvalidDataException($"The trace '{path}' is not a WfFormat workflow: {ex.Message}", ex);
        }
    }

    private static PipelineDefinition Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var workflow = Member(document.RootElement, "workflow");
        var runtimes = new Dictionary<string, double>(StringComparer.Ordinal);
        if (workflow.TryGetProperty("execution", out var execution) && execution.TryGetProperty("tasks", out var runs))
        {
            foreach (var run in runs.EnumerateArray())
            {
                if (run.TryGetProperty("runtimeInSeconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number)
                {
                    runtimes[Member(run, "id").GetString()!] = Math.Max(0, seconds.GetDouble());
                }
            }
        }

        var tasks = new List<TaskDefinition>();
        foreach (var task in Member(Member(workflow, "specification"), "tasks").EnumerateArray())
        {
            var id = Member(task, "id").GetString()!;
            var parents = task.TryGetProperty("parents", out var p)
                ? p.EnumerateArray().Select(x => x.GetString()!).Distinct().ToArray()
                : [];
            tasks.Add(new TaskDefinition
            {
                Id = id,
                Kind = "process",
                DependsOn = parents,
                ExpectedDuration = TimeSpan.FromSeconds(runtimes.GetValueOrDefault(id)),
            });
        }

        return new PipelineDefinition
        {
            Id = Path.GetFileNameWithoutExtension(path),
            OwnerGroup = "bench",
            Tasks = tasks,
        };
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member) ? member
            : throw new InvalidDataException($"an object has no '{name}' member where one is required");

    /// <summary>The trace folder (see <see cref="TraceFolder"/>), or null when there is none: this benchmark then
    /// measures its synthetic shapes only.</summary>
    public static string? Folder()
    {
        try
        {
            return TraceFolder.Resolve();
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
