using System.Diagnostics;
using Workflow.Dag;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Simulation;

/// <summary>
/// A discrete-event simulator that drives the real <see cref="RunDecider"/> under virtual time, playing
/// the shell: k workers per pool, timers, child runs, sampled durations and injected failures. It is how
/// dispatch policies are compared and how property tests deliver every event of thousands of runs.
/// </summary>
public sealed partial class RunSimulator
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PipelineDefinition _definition;
    private readonly SimulationOptions _options;
    private readonly Action<RunEvent, RunDecision>? _observe;
    private readonly PriorityQueue<Scheduled, (long Ticks, long Sequence)> _agenda = new();
    private readonly Dictionary<string, SimPool> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Scheduled> _timers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, int Attempt), Scheduled> _running = new();
    private readonly HashSet<(string Key, int Attempt)> _cancelled = [];
    private readonly Dictionary<string, double> _successSeconds = new(StringComparer.Ordinal);
    private readonly Stopwatch _deciderTime = new();
    private readonly Dictionary<string, TimeSpan> _configured;
    private RunState _state = RunDecider.Initial;
    private long _now;
    private long _sequence;
    private int _attempts;
    private int _events;
    private CompleteRun? _completion;
    private long _completedAt;

    private RunSimulator(PipelineDefinition definition, SimulationOptions options, Action<RunEvent, RunDecision>? observe)
    {
        _definition = definition;
        _options = options;
        _observe = observe;
        _configured = definition.Tasks.Where(t => t.ExpectedDuration is not null)
            .GroupBy(t => t.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().ExpectedDuration!.Value, StringComparer.Ordinal);
    }

    /// <summary>Simulates one run to its end; <paramref name="observe"/> sees every event and decision.</summary>
    public static SimulationReport Run(PipelineDefinition definition, SimulationOptions? options = null,
        Action<RunEvent, RunDecision>? observe = null) =>
        new RunSimulator(definition, options ?? new SimulationOptions(), observe).Execute();

    private SimulationReport Execute()
    {
        Deliver(new RunStarted(Epoch, $"{_definition.Id}@sim-{_options.Seed}", _definition, null, Epoch,
            ExpectedDurations: _options.ExpectedDurations, Dispatch: _options.Dispatch));
        if (_options.CancelAfter is { } after)
        {
            At(after.Ticks, new Scheduled(new CancelRequested(Epoch + after, Reason: "simulated cancellation")));
        }

        while (_completion is null && _events < _options.MaxEvents && _agenda.TryDequeue(out var next, out var when))
        {
            if (next.Cancelled)
            {
                continue;
            }

            _now = when.Ticks;
            if (next.Pool is { } pool)
            {
                FreeWorker(pool, next);
            }

            Deliver(next.Event with { At = Epoch + TimeSpan.FromTicks(_now) });
        }

        return Report();
    }

    private void Deliver(RunEvent @event)
    {
        _events++;
        _deciderTime.Start();
        var decision = RunDecider.Decide(_state, @event);
        _deciderTime.Stop();
        _state = decision.State;
        _observe?.Invoke(@event, decision);
        foreach (var command in decision.Commands)
        {
            Carry(command);
        }

        foreach (var pool in _pools.Values)
        {
            StartWork(pool);
        }
    }

    private void At(long ticks, Scheduled item) => _agenda.Enqueue(item, (Math.Max(ticks, _now), _sequence++));

    /// <summary>An event due at a virtual time; a pool is set while it holds a worker.</summary>
    private sealed class Scheduled(RunEvent @event, string? pool = null, double seconds = 0)
    {
        public RunEvent Event { get; } = @event;
        public string? Pool { get; } = pool;
        public double Seconds { get; } = seconds;
        public bool Cancelled { get; set; }
    }
}
