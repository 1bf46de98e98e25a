using System.Text.Json;
using Workflow.Execution;

namespace Workflow.Durable;

/// <summary>
/// The output of a <see cref="OrchestrationNames.PipelineRun"/> orchestration; a parent run reads it as its child's
/// result. <see cref="Kept"/> is what a rerun of this run keeps (<see cref="CarryOver.From"/> of its final state), since
/// the final decider state is not readable from outside the orchestration. <see cref="Error"/> says why a child run
/// never started (<see cref="RunResolution.Refused"/>); its parent's task fails with it. <see cref="TaskEnds"/> is what
/// the run's tasks without attempt records ended as (<see cref="TaskEnd"/>); an outcome written before it was kept has
/// none.
/// </summary>
/// <remarks>Equal outcomes have equal values, <see cref="Output"/> and <see cref="Kept"/> compared as JSON.</remarks>
public sealed record RunOutcome(string RunId, RunStatus Status, RunSummary Summary, JsonElement? Output = null,
    IReadOnlyDictionary<string, JsonElement?>? Kept = null, string? Error = null,
    IReadOnlyList<TaskEnd>? TaskEnds = null)
{
    public bool Equals(RunOutcome? other) =>
        other is not null && RunId == other.RunId && Status == other.Status && Summary == other.Summary
        && Error == other.Error && SameEnds(TaskEnds, other.TaskEnds) && SameJson(Output, other.Output)
        && SameKept(Kept, other.Kept);

    public override int GetHashCode() => HashCode.Combine(RunId, Status, Summary, Kept?.Count);

    private static bool SameJson(JsonElement? a, JsonElement? b) =>
        a is null ? b is null : b is not null && JsonElement.DeepEquals(a.Value, b.Value);

    private static bool SameEnds(IReadOnlyList<TaskEnd>? a, IReadOnlyList<TaskEnd>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b);

    private static bool SameKept(IReadOnlyDictionary<string, JsonElement?>? a,
        IReadOnlyDictionary<string, JsonElement?>? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var value) && SameJson(kv.Value, value));
}
