using Workflow.Bench.Dispatch;
using Workflow.Model;

namespace Workflow.Bench.Capacity;

/// <summary>
/// A job's DAG and its tasks' base durations: a real trace (its shape and measured run times), or one task.
/// A job scales the base durations to its own total work.
/// </summary>
internal sealed class JobShape
{
    private JobShape(string name, IReadOnlyList<TaskDefinition> tasks, double[] seconds)
    {
        Name = name;
        Tasks = tasks;
        BaseSeconds = seconds;
        IndexOf = tasks.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Work = seconds.Sum();
    }

    public string Name { get; }
    public IReadOnlyList<TaskDefinition> Tasks { get; }
    public double[] BaseSeconds { get; }
    public IReadOnlyDictionary<string, int> IndexOf { get; }

    /// <summary>The sum of the base durations, in seconds.</summary>
    public double Work { get; }

    public static IReadOnlyList<JobShape> FromTraces(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(path =>
        {
            var trace = WfTrace.Load(path);
            return new JobShape(trace.Id, trace.Tasks,
                [.. trace.Tasks.Select(t => Math.Max(1, t.ExpectedDuration?.TotalSeconds ?? 1))]);
        })];

    public static JobShape Single(string name, TimeSpan mean) =>
        new(name, [new TaskDefinition { Id = "work", Kind = "process", ExpectedDuration = mean }], [mean.TotalSeconds]);
}
