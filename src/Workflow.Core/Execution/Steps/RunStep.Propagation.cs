using System.Text.Json;

namespace Workflow.Execution;

internal sealed partial class RunStep
{
    /// <summary>Records a task's final state; its children learn of it when the step drains.</summary>
    private void FinishTask(int t, TaskStatus status, JsonElement? output = null, string? errorKind = null,
        string? error = null)
    {
        var task = _state.Tasks[t];
        if (task.IsFinal)
        {
            return;
        }

        task.Status = status;
        task.Output = output?.Clone();
        task.ErrorKind = errorKind;
        task.Error = error;
        _state.UnfinishedTasks--;
        _finished.Enqueue(t);
    }

    /// <summary>
    /// Tells the children of finished tasks, with a work list rather than recursion so that a skip
    /// running down a chain of 10,000 tasks needs no deep stack.
    /// </summary>
    private void Drain()
    {
        while (_finished.TryDequeue(out var t))
        {
            var status = _state.Tasks[t].Status;
            foreach (var c in _index.Graph.Children(t))
            {
                var child = _state.Tasks[c];
                switch (status)
                {
                    case TaskStatus.Succeeded:
                        child.ParentsSucceeded++;
                        break;
                    case TaskStatus.Skipped:
                        child.ParentsSkipped++;
                        break;
                    default:
                        child.ParentsFailed++;
                        break;
                }

                if (child.Status == TaskStatus.Pending)
                {
                    Evaluate(c);
                }
            }
        }
    }

    private void Evaluate(int t)
    {
        var task = _state.Tasks[t];
        var verdict = TriggerRules.Evaluate(Def(t).Trigger, task.Parents, task.ParentsSucceeded,
            task.ParentsFailed, task.ParentsSkipped);
        if (verdict == TriggerVerdict.Skip)
        {
            if (task.Unit >= 0)
            {
                _state.Units[task.Unit].Status = TaskStatus.Skipped;
            }

            FinishTask(t, TaskStatus.Skipped);
        }
        else if (verdict == TriggerVerdict.Ready)
        {
            if (Def(t).Map is not null)
            {
                Expand(t);
            }
            else
            {
                Enqueue(_state.Units[task.Unit]);
            }
        }
    }

    private void Enqueue(UnitState unit)
    {
        SetStatus(unit, TaskStatus.Ready);
        unit.Sequence = _state.NextSequence++;
        if (Dispatching && TaskKinds.IsTimerOnly(Def(unit.Task).Kind))
        {
            Launch(unit);
            return;
        }

        var task = _state.Tasks[unit.Task];
        _index.Ready.Enqueue(_index.UnitByKey[unit.Key], task.Priority, task.Rank, unit.Sequence);
    }
}
