using System.Diagnostics;
using Workflow.Execution;

namespace Workflow.Bench.Capacity;

/// <summary>A run to simulate: due at <paramref name="Due"/>, handed to the host at <paramref name="Ready"/>.</summary>
internal sealed record RunSpec(string RunId, Job Job, DateTimeOffset Due, DateTimeOffset Ready);

/// <summary>
/// A discrete-event shell for many runs at once under virtual time: each run is driven by the real
/// <see cref="RunDecider"/> (dispatch order, per-run parallelism, completion), and every run's ready tasks share one
/// pool of workers through one global queue ordered as the engine's dispatcher orders it (priority, then upward rank,
/// then arrival). Runs are created one after another at the host's start rate (runs started per second), which is
/// what makes a peak of runs due at one instant start over a few seconds rather than at once.
/// </summary>
internal sealed class FleetSimulator
{
    private readonly IReadOnlyList<RunSpec> _runs;
    private readonly int _workers;
    private readonly double _startSeconds;
    private readonly int _seed;
    private readonly DateTimeOffset _epoch;
    private readonly PriorityQueue<Event, (double, long)> _agenda = new();
    private readonly PriorityQueue<(int Run, RunTask Task), (int, double, long)> _queue = new();
    private readonly RunState?[] _states;
    private readonly double[] _first;
    private readonly double[] _done;
    private readonly double[] _busy;
    private double _now;
    private long _sequence;
    private int _busyWorkers;
    private int _peakBusy;
    private double _busySeconds;
    private long _tasks;
    private int _failed;
    private readonly double? _stopAtLag;
    private bool _stopped;

    private FleetSimulator(IReadOnlyList<RunSpec> runs, int workers, double startsPerSecond, int seed,
        DateTimeOffset epoch, double? stopAtLag)
    {
        _stopAtLag = stopAtLag;
        _runs = runs;
        _workers = workers;
        _startSeconds = 1 / startsPerSecond;
        _seed = seed;
        _epoch = epoch;
        _states = new RunState?[runs.Count];
        _first = new double[runs.Count];
        _done = new double[runs.Count];
        _busy = new double[runs.Count];
        Array.Fill(_first, double.NaN);
        Array.Fill(_done, double.NaN);
    }

    /// <summary>
    /// Simulates <paramref name="runs"/> (ordered by ready time) on <paramref name="workers"/> workers. With
    /// <paramref name="stopAtLag"/>, the simulation stops at the first run whose first task starts later than that
    /// many seconds after its due time: the start goal has failed, which is all a search for it needs to know, and
    /// the runs not yet finished then count as unfinished, so the result meets no goal.
    /// </summary>
    public static FleetResult Run(IReadOnlyList<RunSpec> runs, int workers, double startsPerSecond, int seed,
        DateTimeOffset epoch, double? stopAtLag = null) =>
        new FleetSimulator(runs, workers, startsPerSecond, seed, epoch, stopAtLag).Execute();

    private FleetResult Execute()
    {
        var clock = Stopwatch.StartNew();
        var created = double.NegativeInfinity;
        for (var r = 0; r < _runs.Count; r++)
        {
            // One start after another: a run is created no sooner than it is ready and one start time after the last.
            created = Math.Max(Seconds(_runs[r].Ready), created + _startSeconds);
            _agenda.Enqueue(new Event(r, null), (created, _sequence++));
        }

        while (!_stopped && _agenda.TryDequeue(out var next, out var when))
        {
            _now = when.Item1;
            if (next.Task is null)
            {
                Create(next.Run);
            }
            else
            {
                _busyWorkers--;
                Apply(next.Run, RunDecider.Decide(_states[next.Run]!,
                    new TaskSucceeded(At(_now), next.Task.TaskKey, next.Task.Attempt, null)));
            }

            Fill();
        }

        return FleetResult.From(_runs, _first, _done, _busy, _epoch, _workers, _busySeconds, _peakBusy, _tasks, _failed,
            clock.Elapsed);
    }

    private void Create(int r)
    {
        var spec = _runs[r];
        var shape = spec.Job.Shape;
        var expected = new Dictionary<string, TimeSpan>(shape.Tasks.Count, StringComparer.Ordinal);
        for (var i = 0; i < shape.Tasks.Count; i++)
        {
            expected[shape.Tasks[i].Id] = TimeSpan.FromSeconds(shape.BaseSeconds[i] * spec.Job.Scale);
        }

        Apply(r, RunDecider.Decide(RunDecider.Initial, new RunStarted(At(_now), spec.RunId, spec.Job.Definition, null,
            spec.Due, ExpectedDurations: expected)));
    }

    private void Apply(int r, RunDecision decision)
    {
        _states[r] = decision.State;
        foreach (var command in decision.Commands)
        {
            switch (command)
            {
                case RunTask task:
                    _queue.Enqueue((r, task), (-task.Priority, -task.Rank, _sequence++));
                    break;
                case CompleteRun complete:
                    _done[r] = _now;
                    _states[r] = null;
                    _failed += complete.Status == RunStatus.Succeeded ? 0 : 1;
                    break;
                case Notify:
                    break;
                default:
                    throw new NotSupportedException(
                        $"The capacity simulation has no retries, timeouts or child runs; the decider asked for {command.GetType().Name}.");
            }
        }
    }

    private void Fill()
    {
        while (_busyWorkers < _workers && _queue.TryDequeue(out var item, out _))
        {
            _busyWorkers++;
            _peakBusy = Math.Max(_peakBusy, _busyWorkers);
            _tasks++;
            if (double.IsNaN(_first[item.Run]))
            {
                _first[item.Run] = _now;
                _stopped |= _now - Seconds(_runs[item.Run].Due) > _stopAtLag;
            }

            var seconds = Duration(item.Run, item.Task.TaskId);
            _busySeconds += seconds;
            _busy[item.Run] += seconds;
            _agenda.Enqueue(new Event(item.Run, item.Task), (_now + seconds, _sequence++));
        }
    }

    private double Duration(int r, string taskId)
    {
        var job = _runs[r].Job;
        var index = job.Shape.IndexOf[taskId];
        return job.Uniform is { } range
            ? range.Min + (Keyed.Uniform(_seed, r, index) * (range.Max - range.Min))
            : job.Shape.BaseSeconds[index] * job.Scale * Keyed.LogNormal(_seed, r, index, UserLoad.TaskSigma);
    }

    private double Seconds(DateTimeOffset at) => (at - _epoch).TotalSeconds;

    private DateTimeOffset At(double seconds) => _epoch + TimeSpan.FromSeconds(seconds);

    /// <summary>A run to create (no task) or a task attempt that finishes.</summary>
    private readonly record struct Event(int Run, RunTask? Task);
}
