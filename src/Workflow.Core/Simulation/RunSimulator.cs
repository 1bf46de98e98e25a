using System.Diagnostics;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Simulation;

/// <summary>
/// A discrete-event simulator that drives the real <see cref="RunDecider"/> under virtual time, playing
/// the shell: k workers per pool, timers, child runs, sampled durations and injected failures. It is how
/// dispatch policies are compared and how property tests deliver every event of thousands of runs.
/// This type is the loop (take the next event, ask the decider, carry out its commands); the shell's parts are
/// its collaborators: the <see cref="SimAgenda"/> (virtual time), <see cref="SimWorkers"/> (pools and the work in
/// flight), <see cref="SimTimers"/>, the <see cref="WorkSampler"/> (durations and failures) and
/// <see cref="SimulationReporting"/>.
/// </summary>
public sealed class RunSimulator
{
    private readonly PipelineDefinition _definition;
    private readonly SimulationOptions _options;
    private readonly Action<RunEvent, RunDecision>? _observe;
    private readonly SimAgenda _agenda = new();
    private readonly SimWorkers _workers;
    private readonly SimTimers _timers;
    private readonly Stopwatch _deciderTime = new();
    private RunState _state = RunDecider.Initial;
    private int _events;
    private CompleteRun? _completion;
    private long _completedAt;

    private RunSimulator(PipelineDefinition definition, SimulationOptions options, Action<RunEvent, RunDecision>? observe)
    {
        _definition = definition;
        _options = options;
        _observe = observe;
        _workers = new SimWorkers(options, _agenda, new WorkSampler(definition, options));
        _timers = new SimTimers(_agenda);
    }

    /// <summary>Simulates one run to its end; <paramref name="observe"/> sees every event and decision.</summary>
    public static SimulationReport Run(PipelineDefinition definition, SimulationOptions? options = null,
        Action<RunEvent, RunDecision>? observe = null) =>
        new RunSimulator(definition, options ?? new SimulationOptions(), observe).Execute();

    private SimulationReport Execute()
    {
        var epoch = SimAgenda.Epoch;
        Deliver(new RunStarted(epoch, $"{_definition.Id}@sim-{_options.Seed}", _definition, null, epoch,
            ExpectedDurations: _options.ExpectedDurations, Dispatch: _options.Dispatch));
        if (_options.CancelAfter is { } after)
        {
            var cancel = new CancelRequested(epoch + after, Reason: "simulated cancellation");
            _agenda.At(after.Ticks, new AgendaItem(cancel));
        }

        while (_completion is null && _events < _options.MaxEvents && _agenda.TryNext(out var next))
        {
            if (next.Pool is not null)
            {
                _workers.Free(next);
            }

            Deliver(next.Event with { At = SimAgenda.InstantOf(_agenda.Now) });
        }

        return SimulationReporting.Report(_definition, _workers, _completion?.Status ?? _state.Status,
            _completion is not null, _completion is null ? _agenda.Now : _completedAt, _events, _deciderTime.Elapsed);
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

        _workers.StartWork();
    }

    private void Carry(RunCommand command)
    {
        switch (command)
        {
            case RunTask task:
                _workers.Enqueue(task);
                break;
            case StartTimer timer:
                _timers.Start(timer);
                break;
            case CancelTimer cancel:
                _timers.Cancel(cancel.TimerId);
                break;
            case CancelTask cancel:
                _workers.Cancel(cancel.TaskKey, cancel.Attempt);
                break;
            case StartChildRun child:
                _workers.StartChild(child);
                break;
            case CompleteRun complete:
                _completion = complete;
                _completedAt = _agenda.Now;
                break;
        }
    }
}
