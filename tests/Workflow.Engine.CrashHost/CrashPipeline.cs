using System.Text.Json;
using Workflow.Model;

namespace Workflow.Engine.CrashHost;

/// <summary>
/// The crash test's pipeline: 200 tasks in 20 layers of 10, each depending on one or two tasks of the layer
/// before, lasting 10–500 ms each (fixed per task, so every life of the host runs the same pipeline), with a
/// deadline it cannot make, so its SLA monitor must survive the kills to raise deadline-missed.
/// </summary>
public static class CrashPipeline
{
    public const string Id = "crash";
    public const string RunId = "crash@20260101T000000Z";
    public const int Layers = 20;
    public const int Width = 10;

    /// <summary>
    /// Later than the first kill (the first life is killed as soon as it has started the run; the crash test measures
    /// that it ended before this deadline, and that it raised nothing), and well inside the 8 s or more the run takes
    /// across its lives: only a monitor that survives the kill can raise deadline-missed.
    /// </summary>
    public static readonly TimeSpan DeadlineWithin = TimeSpan.FromSeconds(4);

    public static PipelineDefinition Define()
    {
        var tasks = new List<TaskDefinition>();
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var i = 0; i < Width; i++)
            {
                var n = layer * Width + i;
                var dependsOn = layer == 0
                    ? Array.Empty<string>()
                    : new[] { Name(layer - 1, i), Name(layer - 1, (i * 3 + 1) % Width) }.Distinct().ToArray();
                tasks.Add(new TaskDefinition
                {
                    Id = Name(layer, i),
                    Kind = "code",
                    Config = JsonSerializer.SerializeToElement(new { handler = "work", args = new { ms = 10 + (n * 137 % 491) } }),
                    DependsOn = dependsOn,
                });
            }
        }

        return new PipelineDefinition
        {
            Id = Id,
            OwnerGroup = "crash",
            Tasks = tasks,
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 8 },
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = DeadlineWithin } },
        };
    }

    private static string Name(int layer, int i) => $"l{layer:00}t{i}";
}
