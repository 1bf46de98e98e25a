using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Core.Tests.Sla.Simulation;

/// <summary>
/// Drives the SLA monitor under virtual time beside a simple run: tasks start in definition order as soon as
/// their dependencies are done and a slot under MaxParallelTasks is free, and take the durations given. The
/// monitor's timers fire at their due times. No wall clock is involved, so a day-long run takes microseconds.
/// </summary>
internal static class VirtualRun
{
    public static VirtualRunResult Execute(PipelineDefinition definition,
        IReadOnlyDictionary<string, DurationEstimate> estimates, DateTimeOffset start, DateTimeOffset? deadline,
        Func<string, TimeSpan> durationOf, SlaMonitorSettings? settings = null)
    {
        var queue = new PriorityQueue<(string Kind, string Id), (long Ticks, long Seq)>();
        long seq = 0;
        var raised = new List<Alert>();
        var cleared = new List<ClearAlert>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var started = new HashSet<string>(StringComparer.Ordinal);
        var running = 0;
        var now = start;
        var state = SlaMonitorState.Initial;

        void Feed(SlaEvent e)
        {
            var decision = SlaMonitorDecider.Decide(state, e);
            state = decision.State;
            foreach (var command in decision.Commands)
            {
                switch (command)
                {
                    case RaiseAlert r: raised.Add(r.Alert); break;
                    case ClearAlert c: cleared.Add(c); break;
                    case StartMonitorTimer t: queue.Enqueue(("timer", t.TimerId), (t.DueAt.UtcTicks, seq++)); break;
                }
            }
        }

        void Dispatch()
        {
            foreach (var task in definition.Tasks)
            {
                if (running >= definition.Concurrency.MaxParallelTasks)
                {
                    return;
                }

                if (!started.Contains(task.Id) && task.DependsOn.All(done.Contains))
                {
                    started.Add(task.Id);
                    running++;
                    Feed(new TaskStarted(now, task.Id, 1));
                    queue.Enqueue(("finish", task.Id), ((now + durationOf(task.Id)).UtcTicks, seq++));
                }
            }
        }

        Feed(new MonitorStarted(start, "sim@" + start.UtcTicks, definition, estimates, deadline, settings));
        Dispatch();
        while (done.Count < definition.Tasks.Count && queue.TryDequeue(out var item, out var at))
        {
            now = new DateTimeOffset(at.Ticks, TimeSpan.Zero);
            if (item.Kind == "timer")
            {
                Feed(new MonitorTimerFired(now, item.Id));
                continue;
            }

            running--;
            done.Add(item.Id);
            Feed(new TaskFinished(now, item.Id, 1, TaskOutcome.Succeeded));
            Dispatch();
        }

        Feed(new RunFinished(now, RunStatus.Succeeded));
        return new VirtualRunResult(now, raised, cleared);
    }
}

/// <summary>When the simulated run finished, and what the monitor raised and cleared on the way.</summary>
internal sealed record VirtualRunResult(DateTimeOffset FinishedAt, IReadOnlyList<Alert> Raised,
    IReadOnlyList<ClearAlert> Cleared)
{
    public Alert? First(AlertKind kind) => Raised.FirstOrDefault(a => a.Kind == kind);
}
