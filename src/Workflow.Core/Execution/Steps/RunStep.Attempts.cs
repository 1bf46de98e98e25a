using System.Text.Json;
using Workflow.Json;
using Workflow.Model;

namespace Workflow.Execution;

internal sealed partial class RunStep
{
    /// <summary>Starts the next attempt of a ready unit, with a timeout timer racing it.</summary>
    private void Launch(UnitState unit)
    {
        var def = Def(unit.Task);
        unit.Attempt++;
        SetStatus(unit, TaskStatus.Running);
        switch (def.Kind)
        {
            case TaskKinds.Delay when TaskKinds.TryDelay(def.Config, out var delay, out _):
                StartTimer(unit, TimerPurpose.Delay, _at + delay);
                return;
            case TaskKinds.WaitUntil when TaskKinds.TryWaitUntil(def.Config, out var at, out _):
                StartTimer(unit, TimerPurpose.Delay, at > _at ? at : _at);
                return;
            case TaskKinds.Delay:
                TaskKinds.TryDelay(def.Config, out _, out var delayError);
                FailAttempt(unit, ErrorKinds.InvalidInput, $"Task '{def.Id}': {delayError}");
                return;
            case TaskKinds.WaitUntil:
                TaskKinds.TryWaitUntil(def.Config, out _, out var waitError);
                FailAttempt(unit, ErrorKinds.InvalidInput, $"Task '{def.Id}': {waitError}");
                return;
            case TaskKinds.SubPipeline:
                LaunchChildRun(unit, def);
                return;
        }

        Take(unit);
        var task = _state.Tasks[unit.Task];
        Emit(new RunTask(unit.Key, def.Id, unit.Attempt, def.Kind, def.Config, TaskInput.Build(_state, _index, unit),
            PoolOf(def), task.Priority, task.Rank, $"{_state.RunId}/{unit.Key}/{unit.Attempt}", TimeoutOf(def),
            _index.IsMapSource(_state, unit.Task)));
        StartTimeout(unit, def);
    }

    private void LaunchChildRun(UnitState unit, TaskDefinition def)
    {
        if (!TaskKinds.TrySubPipeline(def.Config, out var pipelineId, out var parameters, out var error))
        {
            FailAttempt(unit, ErrorKinds.InvalidInput, $"Task '{def.Id}': {error}");
            return;
        }

        try
        {
            parameters = Parameters.Templates.Render(parameters, TaskInput.ValuesOf(_state));
        }
        catch (ArgumentException ex)
        {
            FailAttempt(unit, ErrorKinds.InvalidInput, $"Task '{def.Id}': {ex.Message}");
            return;
        }

        Take(unit);
        unit.ChildRunId = ChildRunIds.For(_state.RunId, unit.Key, unit.Attempt);
        Emit(new StartChildRun(unit.Key, unit.Attempt, unit.ChildRunId, pipelineId, parameters));
        StartTimeout(unit, def);
    }

    private string PoolOf(TaskDefinition def) =>
        def.Pool ?? Defaults.Pool ?? (def.Kind == TaskKinds.Code ? "cpu" : "io");

    private TimeSpan? TimeoutOf(TaskDefinition def) => def.Timeout ?? Defaults.Timeout;

    private void StartTimeout(UnitState unit, TaskDefinition def)
    {
        if (TimeoutOf(def) is { } timeout && timeout > TimeSpan.Zero)
        {
            StartTimer(unit, TimerPurpose.Timeout, _at + timeout);
        }
    }

    private void Take(UnitState unit)
    {
        unit.HoldsSlot = true;
        _state.SlotsInUse++;
    }

    private void Release(UnitState unit)
    {
        if (unit.HoldsSlot)
        {
            unit.HoldsSlot = false;
            _state.SlotsInUse--;
        }
    }

    private void SucceedAttempt(UnitState unit, JsonElement? output)
    {
        Release(unit);
        ClearTimer(unit, cancel: true);
        FinishUnit(unit, TaskStatus.Succeeded, output);
    }

    /// <summary>Retries after a backoff timer when the policy allows it, otherwise fails the unit for good.</summary>
    private void FailAttempt(UnitState unit, string errorKind, string message)
    {
        Release(unit);
        ClearTimer(unit, cancel: true);
        unit.ErrorKind = errorKind;
        unit.Error = message;
        var def = Def(unit.Task);
        var policy = def.Retry ?? Defaults.Retry;
        var max = Math.Max(1, policy.MaxAttempts);
        if (unit.Attempt < max && Backoff.IsRetryable(policy, errorKind))
        {
            var next = unit.Attempt + 1;
            var delay = Backoff.DelayBefore(policy, _state.RunId, unit.Key, next);
            SetStatus(unit, TaskStatus.RetryWait);
            Notify(NotificationKind.TaskRetrying,
                $"Task '{unit.Key}' attempt {unit.Attempt} failed ({errorKind}): {message.TrimEnd('.', ' ')}. " +
                $"Attempt {next} of {max} starts in {Duration.Format(delay)}.", unit.Key, unit.Attempt);
            StartTimer(unit, TimerPurpose.Retry, _at + delay);
            return;
        }

        Notify(NotificationKind.TaskFailed,
            $"Task '{unit.Key}' failed on attempt {unit.Attempt} of {max} ({errorKind}): {message}",
            unit.Key, unit.Attempt);
        FinishUnit(unit, TaskStatus.Failed, null);
    }

    private void FinishUnit(UnitState unit, TaskStatus status, JsonElement? output)
    {
        unit.Status = status;
        unit.Output = output?.Clone();
        var task = _state.Tasks[unit.Task];
        if (task.Unit >= 0)
        {
            FinishTask(unit.Task, status, unit.Output, unit.ErrorKind, unit.Error);
            return;
        }

        InstanceFinished(unit.Task, status);
    }
}
