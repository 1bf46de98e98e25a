using Workflow.Execution;

namespace Workflow.Durable;

/// <summary>
/// The input of the <see cref="OrchestrationNames.RunTaskActivity"/> activity: the decider's command as it is,
/// plus the run it belongs to, so a handler gets its idempotency key and can write its log. A suspended attempt
/// runs again with the <see cref="ResumeState"/> it returned.
/// </summary>
public sealed record TaskActivityInput(string RunId, string PipelineId, RunTask Task,
    System.Text.Json.JsonElement? ResumeState = null);
