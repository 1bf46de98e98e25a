using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// The keys of <see cref="DispatchPolicy.Simulated"/>: before the run starts, it plays candidate dispatch orders on
/// the run's DAG with the expected durations and the run's <see cref="ConcurrencyPolicy.MaxParallelTasks"/>
/// (<see cref="ListScheduler"/>), and keeps the one that finishes first. The candidates are upward rank, downstream
/// count and FIFO, then forward-backward improvements of each and of upward rank with descendants' work counted
/// (<see cref="MakespanBound.TimeToEnd"/>): play the order backwards in time on the reversed DAG (latest finishers
/// first), take the backward schedule's time-to-the-end of each task as its key, play that forwards, and repeat
/// while it helps. With budget left, it improves up to <see cref="Restarts"/> copies of that last seed whose keys
/// are scaled by up to 20 %, by a fixed hash of the task and the copy (restarts of the local search). Since the
/// baselines are candidates, the planned makespan is never longer than theirs; a candidate that reaches the
/// <see cref="MakespanBound"/>, raised to a whole number of the durations' common step (<see cref="InWholeSteps"/>),
/// ends the search, since no schedule beats it.
/// Deterministic (no clock, no randomness, a fixed candidate order, ties keep the earlier), so both hosts compute
/// the same keys; a run's keys are planned once and recorded in its <see cref="RunStarted"/> (see
/// <see cref="RecordedDispatch"/>), so a changed planner never re-plans a run in flight.
/// </summary>
internal static class DispatchPlanner
{
    /// <summary>Above this many tasks or <see cref="MaxEdges"/> edges nothing is played: upward rank is used.</summary>
    public const int MaxTasks = 20_000;

    public const int MaxEdges = 100_000;

    /// <summary>The node and edge visits all improvement plays may take together (a play visits each once).</summary>
    public const long PlayBudget = 2_000_000;

    /// <summary>The most perturbed restarts of the forward-backward improvement.</summary>
    public const int Restarts = 32;

    private const int Rounds = 4;

    public static double[] Plan(PipelineDefinition definition, DagIndex dag, IReadOnlyDictionary<string, TimeSpan>? expected)
    {
        var upward = dag.UpwardRank(expected);
        var slots = definition.Concurrency.MaxParallelTasks;
        if (slots <= 0 || slots >= dag.Count || dag.Count > MaxTasks || dag.Graph.EdgeCount > MaxEdges)
        {
            // Unlimited or ample slots start every task when it is ready, whatever the order; large DAGs keep the
            // planning cost bounded.
            return upward;
        }

        var bound = Bound(definition, dag, expected);
        var search = new Search(definition, dag, dag.Weights(expected), slots, bound);
        search.Consider(upward, search.Play(upward, keepStarts: false));
        if (search.Optimal)
        {
            return upward;
        }

        var downstream = Array.ConvertAll(dag.DescendantCounts(), c => (double)c);
        var fifo = new double[dag.Count];
        search.ConsiderAsRemainingTime(downstream);
        search.ConsiderAsRemainingTime(fifo);
        var timeToEnd = bound.TimeToEnd(slots);
        foreach (var seed in new[] { upward, downstream, fifo, timeToEnd })
        {
            search.Improve(seed);
        }

        for (var restart = 1; restart <= Restarts && search.CanImprove; restart++)
        {
            search.Improve(Perturbed(timeToEnd, restart));
        }

        return search.Best;
    }

    /// <summary>
    /// The lower bound the search stops at, for the run's DAG with the expected durations: timers hold no slot.
    /// </summary>
    public static MakespanBound Bound(PipelineDefinition definition, DagIndex dag,
        IReadOnlyDictionary<string, TimeSpan>? expected) =>
        new(dag.Graph, dag.TopologicalOrder.ToArray(), dag.Weights(expected), Slotless(definition));

    /// <summary>Each key times 1 + up to 0.2, by a fixed hash of (task, restart): deterministic.</summary>
    private static double[] Perturbed(double[] keys, int restart)
    {
        var perturbed = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var h = unchecked(((uint)i * 2654435761u) ^ ((uint)restart * 40503u));
            h ^= h >> 15;
            h = unchecked(h * 2246822519u);
            h ^= h >> 13;
            perturbed[i] = keys[i] * (1 + (0.2 * h / uint.MaxValue));
        }

        return perturbed;
    }

    /// <summary>
    /// The bound raised to the next multiple of the durations' greatest common divisor in ticks, as a play counts
    /// them. Every schedule can be shifted left, without lengthening it, until each task starts at 0 or at some
    /// task's finish; then every start and finish is a sum of durations, so the shortest makespan is such a multiple.
    /// With equal durations (a pipeline without history) this often proves the first play optimal, where the
    /// fractional bound would let the search spend its whole budget on a large run. A play cuts each duration to
    /// whole ticks, which shortens a chain of n tasks by less than n ticks, so the bound is first lowered by one tick
    /// per task (and by a billionth of a step, for floating-point error) to stay a bound on the plays.
    /// </summary>
    internal static TimeSpan InWholeSteps(double boundSeconds, double[] weights)
    {
        var step = 0L;
        foreach (var seconds in weights)
        {
            step = GreatestCommonDivisor(step, ListScheduler.Ticks(seconds));
        }

        // A bound at the plays' cap may stand on durations the plays cut to it: not rounded.
        if (step <= 1 || boundSeconds >= ListScheduler.MaxSeconds)
        {
            return TimeSpan.FromSeconds(boundSeconds);
        }

        var ticks = (boundSeconds * TimeSpan.TicksPerSecond) - weights.Length;
        return TimeSpan.FromTicks((long)Math.Ceiling((ticks / step) - 1e-9) * step);
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static bool[] Slotless(PipelineDefinition definition) =>
        [.. definition.Tasks.Select(t => TaskKinds.IsTimerOnly(t.Kind))];

    /// <summary>The plays of one plan: the best keys so far and the budget left.</summary>
    private sealed class Search
    {
        private readonly ListScheduler _forward;
        private readonly ListScheduler _backward;
        private readonly double[] _weights;
        private readonly double[] _starts;
        private readonly long _playCost;
        private readonly TimeSpan _bound;
        private long _spent;
        private TimeSpan _bestMakespan = TimeSpan.MaxValue;

        public Search(PipelineDefinition definition, DagIndex dag, double[] weights, int slots, MakespanBound bound)
        {
            var priorities = definition.Tasks.Select(t => t.Priority ?? definition.Defaults.Priority).ToArray();
            var slotless = Slotless(definition);
            _bound = InWholeSteps(bound.Seconds(slots), weights);

            var order = dag.TopologicalOrder.ToArray();
            _forward = new ListScheduler(dag.Graph, order, weights, priorities, slots, slotless);
            Array.Reverse(order);
            _backward = new ListScheduler(dag.Graph.Reversed(), order, weights, default, slots, slotless);
            _weights = weights;
            _starts = new double[dag.Count];
            _playCost = dag.Count + dag.Graph.EdgeCount;
            Best = [];
        }

        public double[] Best { get; private set; }

        /// <summary>Whether the best makespan reached the lower bound (durations are whole ticks in a play).</summary>
        public bool Optimal => _bestMakespan <= _bound;

        /// <summary>Whether the search is not yet optimal and the budget holds a seed's play and one round.</summary>
        public bool CanImprove => !Optimal && _spent + (3 * _playCost) <= PlayBudget;

        public TimeSpan Play(double[] keys, bool keepStarts)
        {
            _spent += _playCost;
            return _forward.Play(keys, keepStarts ? _starts : default);
        }

        public void Consider(double[] keys, TimeSpan makespan)
        {
            if (makespan < _bestMakespan)
            {
                _bestMakespan = makespan;
                Best = keys;
            }
        }

        /// <summary>
        /// Considers a policy whose keys are not times (a count, or FIFO's zeros) in the units of the others: the
        /// time from each task's planned start to the planned end, which starts the tasks in the same order. The
        /// policy's own keys stay a candidate, after it, should that order meet a tie differently.
        /// </summary>
        public void ConsiderAsRemainingTime(double[] keys)
        {
            if (Optimal)
            {
                return;
            }

            var makespan = Play(keys, keepStarts: true);
            var remaining = new double[_starts.Length];
            for (var i = 0; i < remaining.Length; i++)
            {
                remaining[i] = makespan.TotalSeconds - _starts[i];
            }

            Consider(remaining, Play(remaining, keepStarts: false));
            Consider(keys, makespan);
        }

        /// <summary>
        /// Considers <paramref name="seed"/>, then forward-backward rounds from it while each shortens the previous
        /// one's makespan and the budget lasts.
        /// </summary>
        public void Improve(double[] seed)
        {
            if (Optimal)
            {
                return;
            }

            var previous = Play(seed, keepStarts: true);
            Consider(seed, previous);
            for (var round = 0; round < Rounds && !Optimal && _spent + (2 * _playCost) <= PlayBudget; round++)
            {
                // Backwards, the tasks that finished last go first; forwards, the tasks farthest from the backward
                // schedule's end go first.
                var latestFirst = FinishTimes();
                _spent += _playCost;
                _backward.Play(latestFirst, _starts);
                var keys = FinishTimes();
                var makespan = Play(keys, keepStarts: true);
                Consider(keys, makespan);
                if (makespan >= previous)
                {
                    return;
                }

                previous = makespan;
            }
        }

        private double[] FinishTimes()
        {
            var finish = new double[_starts.Length];
            for (var i = 0; i < finish.Length; i++)
            {
                finish[i] = _starts[i] + _weights[i];
            }

            return finish;
        }
    }
}
