using Workflow.Execution;

namespace Workflow.Simulation;

/// <summary>
/// The discrete-event calendar of a simulated run: what is due next, and the virtual instant the simulation has
/// reached. It is not a clock (not a <see cref="TimeProvider"/>): nothing waits on it and nothing reads it as wall
/// time; the instant jumps to each event as it is taken, and ties are taken in the order they were scheduled.
/// </summary>
internal sealed class SimAgenda
{
    /// <summary>The virtual instant a simulated run starts at.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<AgendaItem, (long Ticks, long Sequence)> _queue = new();
    private long _sequence;

    /// <summary>Ticks since <see cref="Epoch"/> of the event taken last.</summary>
    public long Now { get; private set; }

    public static DateTimeOffset InstantOf(long ticks) => Epoch + TimeSpan.FromTicks(ticks);

    public static long TicksOf(DateTimeOffset instant) => (instant - Epoch).Ticks;

    /// <summary>Schedules <paramref name="item"/> at <paramref name="ticks"/>, or now when that is past.</summary>
    public void At(long ticks, AgendaItem item) => _queue.Enqueue(item, (Math.Max(ticks, Now), _sequence++));

    /// <summary>Takes the next item not cancelled and moves the virtual instant to it.</summary>
    public bool TryNext(out AgendaItem item)
    {
        while (_queue.TryDequeue(out item!, out var when))
        {
            if (!item.Cancelled)
            {
                Now = when.Ticks;
                return true;
            }
        }

        return false;
    }
}

/// <summary>An event due on the agenda; <see cref="Pool"/> is set while it holds a worker of that pool.</summary>
internal sealed class AgendaItem(RunEvent @event, string? pool = null, double seconds = 0)
{
    public RunEvent Event { get; } = @event;
    public string? Pool { get; } = pool;

    /// <summary>How long the work it ends took, in virtual seconds.</summary>
    public double Seconds { get; } = seconds;

    public bool Cancelled { get; set; }
}
