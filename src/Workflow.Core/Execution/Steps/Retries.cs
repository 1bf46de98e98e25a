using Workflow.Json;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// What follows a failed attempt: another attempt after a backoff timer when the task's retry policy allows it
/// and the error kind is retryable, otherwise the unit fails for good.
/// </summary>
internal static class Retries
{
    /// <summary>Retries after a backoff timer when the policy allows it, otherwise fails the unit for good.</summary>
    public static void FailAttempt(RunStep step, UnitState unit, string errorKind, string message)
    {
        Attempts.Release(step.State, unit);
        StepTimers.Clear(step, unit, cancel: true);
        unit.ErrorKind = errorKind;
        unit.Error = message;
        var def = step.Def(unit.Task);
        var policy = def.Retry ?? step.Defaults.Retry;
        var max = Math.Max(1, policy.MaxAttempts);
        if (unit.Attempt < max && Backoff.IsRetryable(policy, errorKind))
        {
            var next = unit.Attempt + 1;
            var delay = Backoff.DelayBefore(policy, step.State.RunId, unit.Key, next);
            step.SetStatus(unit, TaskStatus.RetryWait);
            step.Notify(NotificationKind.TaskRetrying,
                $"Task '{unit.Key}' attempt {unit.Attempt} failed ({errorKind}): {message.TrimEnd('.', ' ')}. " +
                $"Attempt {next} of {max} starts in {Duration.Format(delay)}.", unit.Key, unit.Attempt);
            StepTimers.Start(step, unit, TimerPurpose.Retry, step.At + delay);
            return;
        }

        step.Notify(NotificationKind.TaskFailed,
            $"Task '{unit.Key}' failed on attempt {unit.Attempt} of {max} ({errorKind}): {message}",
            unit.Key, unit.Attempt);
        Attempts.FinishUnit(step, unit, TaskStatus.Failed, null);
    }

    /// <summary>The backoff is over: the unit is ready again and takes the next free slot.</summary>
    public static void BackoffOver(RunStep step, UnitState unit) => Propagation.Enqueue(step, unit);
}
