using System.Text.Json;
using Workflow.Execution;

namespace Workflow.Runtime.Handlers;

/// <summary>
/// One delivery of one attempt: the decider's <see cref="RunTask"/> command as it is, plus the run it belongs to
/// and what this delivery carries. It is the one record of an attempt from the decider to the handler: the
/// embedded engine holds it in its work item, the Azure app composes it from the activity input, and
/// <see cref="TaskAttemptExecutor"/> builds the handler's <see cref="TaskContext"/> from it.
/// </summary>
/// <param name="RunId">The run the attempt belongs to.</param>
/// <param name="PipelineId">The run's pipeline (the owner of the secrets the config may name).</param>
/// <param name="Task">
/// What to run, as the decider asked: key, kind, config, input, timeout, the idempotency key
/// <c>{runId}/{taskKey}/{attempt}</c> and whether the output stays inline.
/// </param>
public sealed record TaskAttempt(string RunId, string PipelineId, RunTask Task)
{
    /// <summary>1 on the first delivery; higher after a lease expired or the host restarted.</summary>
    public int Delivery { get; init; } = 1;

    /// <summary>What an earlier delivery left when it suspended (async http, delay); null on a fresh start.</summary>
    public JsonElement? ResumeState { get; init; }
}
