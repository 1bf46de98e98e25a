using System.Text.Json;
using Workflow.Parameters;
using Workflow.Runtime.Logs;

namespace Workflow.Runtime.Handlers;

/// <summary>
/// Everything a handler gets for one delivery of one attempt: the attempt's identity (run, task, attempt, delivery,
/// resume state) and what the executor prepared for it (the rendered config, the resolved input, the run's values,
/// the log). Hosts build it through <see cref="TaskAttemptExecutor"/>; tests of a handler may build one directly
/// from a <see cref="Handlers.TaskAttempt"/>.
/// </summary>
/// <remarks>
/// The attempt record itself is internal: it carries the decider's command as it is (its config with templates not
/// rendered, its input with outputs not resolved, pool, priority and rank), which is the engine's business; a
/// handler reads <see cref="Config"/>, <see cref="Input"/> and the identity properties instead.
/// </remarks>
public sealed class TaskContext(TaskAttempt attempt, Action? heartbeat = null)
{
    /// <summary>The attempt this delivery runs, as the host handed it to the executor.</summary>
    internal TaskAttempt TaskAttempt { get; } = attempt ?? throw new ArgumentNullException(nameof(attempt));

    public string RunId => TaskAttempt.RunId;
    public string PipelineId => TaskAttempt.PipelineId;
    public string TaskKey => TaskAttempt.Task.TaskKey;
    public string TaskId => TaskAttempt.Task.TaskId;
    public int Attempt => TaskAttempt.Task.Attempt;

    /// <summary><c>{runId}/{taskKey}/{attempt}</c>: the same on every delivery of this attempt.</summary>
    public string IdempotencyKey => TaskAttempt.Task.IdempotencyKey;

    /// <summary>1 on the first delivery; higher after a lease expired or the host restarted.</summary>
    public int Delivery => TaskAttempt.Delivery;

    /// <summary>Set when an earlier delivery suspended; null on a fresh start.</summary>
    public JsonElement? ResumeState => TaskAttempt.ResumeState;

    /// <summary>The task's config with its secret and parameter templates rendered for this delivery.</summary>
    public JsonElement? Config { get; init; }

    /// <summary>
    /// Upstream outputs keyed by task id (and <c>$item</c>, <c>$index</c> in a map instance), with spilled ones
    /// already resolved by the executor, and the run's <c>$params</c> and <c>$run</c> (see <see cref="Run"/>).
    /// </summary>
    public JsonElement? Input { get; init; }

    /// <summary>
    /// The run's resolved parameters (every declared one, null when neither given nor defaulted) and its
    /// variables (id, logical time, data interval); null when the attempt's input carries none.
    /// </summary>
    public RunValues? Run { get; init; }

    /// <summary>The run's resolved parameters as a JSON object (<see cref="RunValues.Parameters"/>).</summary>
    public JsonElement? Parameters => Run?.Parameters;

    public required ITaskLog Log { get; init; }

    /// <summary>Resolves output references a handler finds deeper inside its input.</summary>
    public required IOutputStore Outputs { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Tells the engine this delivery is alive, extending its lease.</summary>
    public void Heartbeat() => heartbeat?.Invoke();
}
