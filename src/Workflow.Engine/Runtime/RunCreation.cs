using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Everything needed to create a run, gathered before the writer is asked to create it. <see cref="Planned"/> adds
/// the dispatch keys, so that the writer, which every run's commits wait on, does not plan; the keys are recorded in
/// the run's <see cref="RunStarted"/> event, and recovery after a crash replays them from there.
/// </summary>
internal sealed record RunCreation(
    string RunId,
    PipelineDefinition Definition,
    RunTrigger Trigger,
    string Actor,
    JsonElement? Parameters,
    DateTimeOffset LogicalTime,
    string? RerunOf = null,
    string? ParentRunId = null,
    string? ParentTaskKey = null,
    int? ParentAttempt = null,
    IReadOnlyDictionary<string, JsonElement?>? PriorResults = null,
    IReadOnlyDictionary<string, TimeSpan>? ExpectedDurations = null,
    IReadOnlyList<double>? DispatchKeys = null)
{
    /// <summary>The engine's dispatch policy: the default of <see cref="RunStarted"/>.</summary>
    public const DispatchPolicy Dispatch = DispatchPolicy.Simulated;

    /// <summary>
    /// This creation with its dispatch keys planned on the calling thread; without them the decider plans on the
    /// writer. A child run, which its parent's commands create there, takes keys its parent's start prepared
    /// (<see cref="ChildPlans"/>).
    /// </summary>
    public RunCreation Planned() => this with { DispatchKeys = KeysFor(Definition, ExpectedDurations) };

    /// <summary>The keys the engine's policy plans for a definition, as the decider plans a start without keys.</summary>
    public static IReadOnlyList<double>? KeysFor(PipelineDefinition definition,
        IReadOnlyDictionary<string, TimeSpan>? expected) =>
        PolicyDispatchPlanner.Instance.Plan(definition, expected, Dispatch);

    /// <summary>The run's first event, at the writer's <paramref name="now"/>.</summary>
    public RunStarted Started(DateTimeOffset now) => new(now, RunId, Definition, Parameters, LogicalTime,
        PriorResults, ExpectedDurations, Dispatch, DispatchKeys);
}
