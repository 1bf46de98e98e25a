using System.Text.Json;
using Workflow.Execution;

namespace Workflow.Orchestration;

/// <summary>
/// The output of a <see cref="OrchestrationNames.PipelineRun"/> orchestration; a parent run reads it as its child's
/// result. <see cref="Kept"/> is what a rerun of this run keeps (<see cref="CarryOver.From"/> of its final state), since
/// the final decider state is not readable from outside the orchestration.
/// </summary>
public sealed record RunOutcome(string RunId, RunStatus Status, RunSummary Summary, JsonElement? Output = null,
    IReadOnlyDictionary<string, JsonElement?>? Kept = null);
