using System.Text.Json;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// An attempt's life: launched into a slot (a task for a worker, a child run, or a timer for delay kinds) with a
/// timeout racing it, and ended by its outcome, its timeout or its delay. A failure goes to <see cref="Retries"/>.
/// </summary>
internal static class Attempts
{
    /// <summary>Starts the next attempt of a ready unit, with a timeout timer racing it.</summary>
    public static void Launch(RunStep step, UnitState unit)
    {
        var def = step.Def(unit.Task);
        unit.Attempt++;
        step.SetStatus(unit, TaskStatus.Running);
        switch (def.Kind)
        {
            case TaskKinds.Delay when TaskKinds.TryDelay(def.Config, out var delay, out _):
                StepTimers.Start(step, unit, TimerPurpose.Delay, step.At + delay);
                return;
            case TaskKinds.WaitUntil when TaskKinds.TryWaitUntil(def.Config, out var at, out _):
                StepTimers.Start(step, unit, TimerPurpose.Delay, at > step.At ? at : step.At);
                return;
            case TaskKinds.Delay:
                TaskKinds.TryDelay(def.Config, out _, out var delayError);
                Retries.FailAttempt(step, unit, ErrorKinds.InvalidInput, $"Task '{def.Id}': {delayError}");
                return;
            case TaskKinds.WaitUntil:
                TaskKinds.TryWaitUntil(def.Config, out _, out var waitError);
                Retries.FailAttempt(step, unit, ErrorKinds.InvalidInput, $"Task '{def.Id}': {waitError}");
                return;
            case TaskKinds.SubPipeline:
                LaunchChildRun(step, unit, def);
                return;
        }

        var state = step.State;
        Take(state, unit);
        var task = state.Tasks[unit.Task];
        step.Emit(new RunTask(unit.Key, def.Id, unit.Attempt, def.Kind, def.Config,
            TaskInput.Build(state, step.Index, unit), TaskPools.Of(def, step.Defaults), task.Priority, task.Rank,
            RunTask.IdempotencyKeyFor(state.RunId, unit.Key, unit.Attempt), TimeoutOf(step, def),
            step.Index.IsMapSource(state, unit.Task)));
        StartTimeout(step, unit, def);
    }

    private static void LaunchChildRun(RunStep step, UnitState unit, TaskDefinition def)
    {
        if (!TaskKinds.TrySubPipeline(def.Config, out var pipelineId, out var parameters, out var error))
        {
            Retries.FailAttempt(step, unit, ErrorKinds.InvalidInput, $"Task '{def.Id}': {error}");
            return;
        }

        try
        {
            parameters = Parameters.Templates.Render(parameters, TaskInput.ValuesOf(step.State));
        }
        catch (ArgumentException ex)
        {
            Retries.FailAttempt(step, unit, ErrorKinds.InvalidInput, $"Task '{def.Id}': {ex.Message}");
            return;
        }

        Take(step.State, unit);
        unit.ChildRunId = ChildRunIds.For(step.State.RunId, unit.Key, unit.Attempt);
        step.Emit(new StartChildRun(unit.Key, unit.Attempt, unit.ChildRunId, pipelineId, parameters));
        StartTimeout(step, unit, def);
    }

    public static TimeSpan? TimeoutOf(RunStep step, TaskDefinition def) => def.Timeout ?? step.Defaults.Timeout;

    private static void StartTimeout(RunStep step, UnitState unit, TaskDefinition def)
    {
        if (TimeoutOf(step, def) is { } timeout && timeout > TimeSpan.Zero)
        {
            StepTimers.Start(step, unit, TimerPurpose.Timeout, step.At + timeout);
        }
    }

    private static void Take(RunState state, UnitState unit)
    {
        unit.HoldsSlot = true;
        state.SlotsInUse++;
    }

    /// <summary>Frees the slot an attempt holds, if it holds one.</summary>
    public static void Release(RunState state, UnitState unit)
    {
        if (unit.HoldsSlot)
        {
            unit.HoldsSlot = false;
            state.SlotsInUse--;
        }
    }

    public static void OnSucceeded(RunStep step, TaskSucceeded e)
    {
        if (TryRunning(step, e.TaskKey, e.Attempt, out var unit))
        {
            Succeed(step, unit, e.Output);
        }
    }

    public static void OnFailed(RunStep step, TaskFailed e)
    {
        if (TryRunning(step, e.TaskKey, e.Attempt, out var unit))
        {
            Retries.FailAttempt(step, unit, e.ErrorKind, e.Message);
        }
    }

    public static void OnChildRunCompleted(RunStep step, ChildRunCompleted e)
    {
        if (!TryRunning(step, e.TaskKey, e.Attempt, out var unit) || unit.ChildRunId != e.ChildRunId)
        {
            return;
        }

        switch (e.Status)
        {
            case RunStatus.Failed when e.Error is { } error:
                Retries.FailAttempt(step, unit, ErrorKinds.InvalidInput, $"Task '{e.TaskKey}': {error}");
                break;
            case RunStatus.Succeeded:
                Succeed(step, unit, e.Output);
                break;
            case RunStatus.Cancelled:
                Retries.FailAttempt(step, unit, ErrorKinds.Cancelled, $"Child run '{e.ChildRunId}' was cancelled.");
                break;
            default:
                Retries.FailAttempt(step, unit, ErrorKinds.ChildRunFailed,
                    $"Child run '{e.ChildRunId}' ended {e.Status}.");
                break;
        }
    }

    /// <summary>The attempt's timeout fired first: it is stopped and fails as a timeout (which may be retried).</summary>
    public static void TimedOut(RunStep step, UnitState unit)
    {
        var timeout = TimeoutOf(step, step.Def(unit.Task)) ?? TimeSpan.Zero;
        var failure = RunTask.TimedOut(unit.Attempt, timeout);
        step.Emit(new CancelTask(unit.Key, unit.Attempt, failure));
        Retries.FailAttempt(step, unit, ErrorKinds.Timeout, failure);
    }

    /// <summary>
    /// Finds the unit an outcome is about. Late, duplicate and stale outcomes (an unknown key, an attempt
    /// that is not the current one, a unit that is no longer running) are ignored.
    /// </summary>
    private static bool TryRunning(RunStep step, string key, int attempt, out UnitState unit)
    {
        unit = null!;
        if (!step.Index.UnitByKey.TryGetValue(key, out var u))
        {
            return false;
        }

        unit = step.State.Units[u];
        return unit.Status == TaskStatus.Running && unit.Attempt == attempt;
    }

    public static void Succeed(RunStep step, UnitState unit, JsonElement? output)
    {
        Release(step.State, unit);
        StepTimers.Clear(step, unit, cancel: true);
        FinishUnit(step, unit, TaskStatus.Succeeded, output);
    }

    /// <summary>A unit is final: a plain task finishes with it, a map instance counts towards its task.</summary>
    public static void FinishUnit(RunStep step, UnitState unit, TaskStatus status, JsonElement? output)
    {
        unit.Status = status;
        unit.Output = output?.Clone();
        var task = step.State.Tasks[unit.Task];
        if (task.Unit >= 0)
        {
            Propagation.FinishTask(step, unit.Task, status, unit.Output, unit.ErrorKind, unit.Error);
            return;
        }

        MapExpansion.InstanceFinished(step, unit.Task, status);
    }
}
