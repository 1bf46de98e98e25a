using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Core.Tests.Sla;

/// <summary>Small definitions and estimates shared by the SLA tests.</summary>
internal static class SlaFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 3, 5, 0, 0, TimeSpan.Zero);

    public static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    public static TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);

    public static TaskDefinition Task(string id, params string[] after) =>
        new() { Id = id, Kind = "code", DependsOn = after };

    /// <summary>a → b → c, one at a time.</summary>
    public static PipelineDefinition Chain(SlaPolicy? sla = null, int parallel = 4) => new()
    {
        Id = "chain",
        OwnerGroup = "data-eng",
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = parallel },
        Sla = sla ?? new SlaPolicy(),
        Tasks = [Task("a"), Task("b", "a"), Task("c", "b")],
    };

    public static DurationEstimate History(TimeSpan p50, TimeSpan p95) => new(p50, p95, EstimateSource.History, 30);

    public static IReadOnlyDictionary<string, DurationEstimate> Hourly(PipelineDefinition definition) =>
        definition.Tasks.ToDictionary(t => t.Id, _ => History(H(1), H(1.25)));
}
