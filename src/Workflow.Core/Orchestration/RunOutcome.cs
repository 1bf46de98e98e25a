using System.Text.Json;
using Workflow.Execution;

namespace Workflow.Orchestration;

/// <summary>The output of a <see cref="OrchestrationNames.PipelineRun"/> orchestration; a parent run reads it as its child's result.</summary>
public sealed record RunOutcome(string RunId, RunStatus Status, RunSummary Summary, JsonElement? Output = null);
