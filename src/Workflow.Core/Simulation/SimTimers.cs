using Workflow.Execution;

namespace Workflow.Simulation;

/// <summary>The simulated shell's timers: each fires <see cref="TimerFired"/> on the agenda unless cancelled.</summary>
internal sealed class SimTimers(SimAgenda agenda)
{
    private readonly Dictionary<string, AgendaItem> _pending = new(StringComparer.Ordinal);

    public void Start(StartTimer timer)
    {
        var fired = new AgendaItem(new TimerFired(timer.DueAt, timer.TimerId));
        _pending[timer.TimerId] = fired;
        agenda.At(SimAgenda.TicksOf(timer.DueAt), fired);
    }

    public void Cancel(string timerId)
    {
        if (_pending.Remove(timerId, out var pending))
        {
            pending.Cancelled = true;
        }
    }
}
