using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Parameters;
using Workflow.Runtime.Logs;
using Workflow.Runtime.Secrets;

namespace Workflow.Runtime.Handlers;

/// <summary>
/// Runs one delivery of an attempt through its handler, the same way in every host: it resolves spilled inputs,
/// renders the templates of the task's config, applies the task's timeout, spills a large output, and turns every
/// failure into a <see cref="TaskOutcome"/> with an error kind (timeout, cancelled, handler, or the kind a
/// <see cref="TaskFailureException"/> names), so a handler's exception never escapes to the host. Secret references
/// in the config are resolved by <see cref="AttemptSecrets"/> before the parameter templates are rendered (so a
/// parameter value that looks like a secret reference is never resolved), and their values masked in the log,
/// message and output.
/// </summary>
public sealed class TaskAttemptExecutor(HandlerRegistry handlers, IOutputStore outputs, TimeProvider time,
    ILogger<TaskAttemptExecutor> logger, AttemptSecrets secrets, IOptions<TaskLogOptions> logOptions)
{
    /// <param name="attempt">What to run.</param>
    /// <param name="log">Where the handler's log lines go.</param>
    /// <param name="heartbeat">Called when the handler says it is alive (the embedded engine extends its lease).</param>
    /// <param name="cancellation">Cancels the attempt (the run was cancelled, or the host lost the lease).</param>
    public async Task<TaskOutcome> ExecuteAsync(TaskAttempt attempt, ITaskLog log, Action? heartbeat,
        CancellationToken cancellation)
    {
        var task = attempt.Task;
        var handler = handlers.Find(task.Kind);
        if (handler is null)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput,
                $"No handler serves task kind '{task.Kind}'. Register an ITaskHandler for it or use a built-in kind.");
        }

        if (attempt.Delivery > 1)
        {
            // A redelivery appends to the log of the delivery that did not finish: say where the new one begins.
            log.WriteLine($"[workflow] Delivery {attempt.Delivery} of attempt {task.Attempt} starts here; the lines " +
                          "above are from an earlier delivery that did not finish (its host stopped or lost the lease).");
        }

        using var timeout = task.Timeout is { } limit ? new CancellationTokenSource(limit, time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        var token = linked?.Token ?? cancellation;
        var mask = Workflow.Secrets.SecretMask.None;
        try
        {
            var input = await OutputReference.ResolveInputAsync(outputs, task.Input, token);
            var run = RunValues.FromInput(input);
            (var withSecrets, mask) = await secrets.ResolveAsync(attempt, task.Config, token);
            // The handler's lines are capped; the executor's own few (how the attempt ended) always get in.
            log = MaskedTaskLog.Wrap(log, mask);
            if (!TryRender(task.TaskId, withSecrets, run, out var config, out var invalid))
            {
                invalid = mask.Apply(invalid);
                log.WriteLine(invalid);
                return TaskOutcome.Failure(ErrorKinds.InvalidInput, invalid);
            }

            var context = new TaskContext(attempt, heartbeat)
            {
                Config = config,
                Input = input,
                Run = run,
                Log = CappedTaskLog.Wrap(log, logOptions.Value.MaxBytesPerAttempt),
                Outputs = outputs,
                Time = time,
            };
            var outcome = AttemptSecrets.Mask(await handler.ExecuteAsync(context, token), mask);
            if (outcome is TaskSucceededOutcome { Output: { } produced } && OutputReference.HoldsReference(produced))
            {
                // Only the store makes references; one made by a task could point at another run's output.
                return TaskOutcome.Failure(ErrorKinds.InvalidInput,
                    $"Task '{task.TaskId}' returned an output holding '{OutputReference.RefProperty}', a key reserved " +
                    "for outputs the engine stores itself. Rename that key in the task's output.");
            }

            if (outcome is TaskSucceededOutcome { Output: { } output } && !task.KeepOutputInline)
            {
                outcome = new TaskSucceededOutcome(
                    await outputs.SpillIfLargeAsync(attempt.RunId, task.TaskKey, task.Attempt, output, token));
            }

            return outcome;
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true)
        {
            var failure = RunTask.TimedOut(task.Attempt, task.Timeout!.Value);
            log.WriteLine(failure);
            return TaskOutcome.Failure(ErrorKinds.Timeout, failure);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return TaskOutcome.Failure(ErrorKinds.Cancelled, "The task was cancelled.");
        }
        catch (TaskFailureException failure)
        {
            log.WriteLine($"failed ({failure.ErrorKind}): {failure.Message}");
            return TaskOutcome.Failure(failure.ErrorKind, mask.Apply(failure.Message));
        }
        catch (Exception ex)
        {
            Log.HandlerThrew(logger, task.IdempotencyKey, ex);
            log.WriteLine($"handler error: {ex.GetType().Name}: {ex.Message}");
            return TaskOutcome.Failure(ErrorKinds.Handler, mask.Apply($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>
    /// Renders the <c>{{ params.X }}</c> and <c>{{ run.X }}</c> templates in the task's config when the attempt
    /// starts, so every handler of every host reads rendered values; the same config on every delivery.
    /// </summary>
    private static bool TryRender(string taskId, JsonElement? written, RunValues? run, out JsonElement? config,
        out string error)
    {
        config = written;
        error = "";
        if (run is null)
        {
            return true;
        }

        try
        {
            config = Templates.Render(written, run);
            return true;
        }
        catch (ArgumentException ex)
        {
            error = $"Task '{taskId}': {ex.Message}";
            return false;
        }
    }
}
