using System.Threading.Channels;
using Workflow.Engine.Runtime;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// What the monitor service heard and has not yet handed to its monitors, in order: runs to start and events for
/// the monitors. The engine's observer thread only appends a small record; the service's loop takes everything
/// waiting in one round, each run's events together, so that a monitor decides a series of attempt starts and
/// ends in one go (one forecast, <see cref="SlaMonitorDecider.Decide(SlaMonitorState, IReadOnlyList{SlaEvent})"/>)
/// instead of one event at a time. The more the loop falls behind, the larger and cheaper per event its rounds.
/// </summary>
internal sealed class SlaMonitorInbox
{
    /// <summary>At most this many observations per round, so that timers and saves still get their turn.</summary>
    public const int RoundLimit = 4096;

    private readonly Channel<Observation> _channel = Channel.CreateUnbounded<Observation>(
        new UnboundedChannelOptions { SingleReader = true });

    public void Start(RunInfo run, DateTimeOffset at) =>
        _channel.Writer.TryWrite(new Observation(run.RunId, null, new StartedRun(run, at)));

    public void Add(string runId, SlaEvent @event) =>
        _channel.Writer.TryWrite(new Observation(runId, @event, null));

    /// <summary>Whether anything is waiting to be taken.</summary>
    public bool HasWaiting => _channel.Reader.TryPeek(out _);

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>
    /// Takes what is waiting (at most <see cref="RoundLimit"/>): the runs started, in order, and each run's events
    /// in the order they happened. A run's start always comes before its events, so starting first keeps each
    /// run's order; different runs' monitors do not depend on each other.
    /// </summary>
    public SlaMonitorRound Take()
    {
        var starts = new List<StartedRun>();
        var events = new Dictionary<string, List<SlaEvent>>(StringComparer.Ordinal);
        for (var taken = 0; taken < RoundLimit && _channel.Reader.TryRead(out var observation); taken++)
        {
            if (observation.Start is { } start)
            {
                starts.Add(start);
            }
            else if (events.TryGetValue(observation.RunId, out var list))
            {
                list.Add(observation.Event!);
            }
            else
            {
                events[observation.RunId] = [observation.Event!];
            }
        }

        return new SlaMonitorRound(starts, events);
    }

    /// <summary>Either a run's start or one of its events; an event carries its own time.</summary>
    private readonly record struct Observation(string RunId, SlaEvent? Event, StartedRun? Start);
}

/// <summary>A run that started, and when: its monitor is to start.</summary>
internal sealed record StartedRun(RunInfo Run, DateTimeOffset At);

/// <summary>One round of the monitor service's loop: runs to start, then each run's events in order.</summary>
internal sealed record SlaMonitorRound(IReadOnlyList<StartedRun> Starts,
    IReadOnlyDictionary<string, List<SlaEvent>> Events)
{
    public bool IsEmpty => Starts.Count == 0 && Events.Count == 0;
}
