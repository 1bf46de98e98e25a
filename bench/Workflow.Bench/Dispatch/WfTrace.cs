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
    public static PipelineDefinition Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var workflow = document.RootElement.GetProperty("workflow");
        var runtimes = new Dictionary<string, double>(StringComparer.Ordinal);
        if (workflow.TryGetProperty("execution", out var execution) && execution.TryGetProperty("tasks", out var runs))
        {
            foreach (var run in runs.EnumerateArray())
            {
                if (run.TryGetProperty("runtimeInSeconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number)
                {
                    runtimes[run.GetProperty("id").GetString()!] = Math.Max(0, seconds.GetDouble());
                }
            }
        }

        var tasks = new List<TaskDefinition>();
        foreach (var task in workflow.GetProperty("specification").GetProperty("tasks").EnumerateArray())
        {
            var id = task.GetProperty("id").GetString()!;
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
