using Workflow.Dag;

namespace Workflow.Core.Tests.Dag;

/// <summary>
/// The optimal makespan of a small DAG on k slots with whole-number durations, by exhaustive search, for checking
/// lower bounds against. The model is <see cref="MakespanBound"/>'s: non-preemptive, at most k slot-holding tasks
/// running at once (a zero-length one holds nothing), slotless tasks unlimited, idle time allowed.
/// <para>
/// Why the search finds the optimum: it places tasks one at a time, in every order that puts parents first, each at
/// the earliest time after its parents finish at which it fits under k beside the tasks already placed (a serial
/// schedule generation). Take an optimal schedule and list its tasks by start time (parents first on ties). Placing
/// them in that order puts each task no later than the optimum does, by induction: its parents finish no later, and
/// every task placed before it started no later in the optimum and now starts and ends no later, so it covers no more
/// of [start, start + p) than it did; the optimum's start therefore fits, and the earliest fit is at or before it.
/// The earliest fit is at the ready time or at some placed task's finish, since fitting only improves there.
/// </para>
/// </summary>
public sealed class ExactSchedule
{
    private readonly DagGraph _graph;
    private readonly int[] _durations;
    private readonly bool[] _slotless;
    private readonly int _slots;
    private readonly int[] _start;
    private readonly bool[] _placed;
    private int _best;

    private ExactSchedule(DagGraph graph, int[] durations, bool[] slotless, int slots)
    {
        _graph = graph;
        _durations = durations;
        _slotless = slotless;
        _slots = slots;
        _start = new int[graph.Count];
        _placed = new bool[graph.Count];
        _best = durations.Sum();
    }

    public static int OptimalMakespan(DagGraph graph, int[] durations, bool[] slotless, int slots)
    {
        var search = new ExactSchedule(graph, durations, slotless, slots);
        search.Place(0, 0);
        return search._best;
    }

    private void Place(int placedCount, int makespan)
    {
        if (placedCount == _graph.Count)
        {
            _best = Math.Min(_best, makespan);
            return;
        }

        for (var t = 0; t < _graph.Count; t++)
        {
            if (_placed[t] || !ParentsPlaced(t))
            {
                continue;
            }

            _start[t] = EarliestFit(t);
            var finish = Math.Max(makespan, _start[t] + _durations[t]);
            if (finish < _best)
            {
                _placed[t] = true;
                Place(placedCount + 1, finish);
                _placed[t] = false;
            }
        }
    }

    private bool ParentsPlaced(int t)
    {
        foreach (var p in _graph.Parents(t))
        {
            if (!_placed[p])
            {
                return false;
            }
        }

        return true;
    }

    private int EarliestFit(int t)
    {
        var ready = 0;
        foreach (var p in _graph.Parents(t))
        {
            ready = Math.Max(ready, _start[p] + _durations[p]);
        }

        if (_slotless[t] || _durations[t] == 0 || Fits(ready, _durations[t]))
        {
            return ready;
        }

        var candidates = Enumerable.Range(0, _graph.Count)
            .Where(u => _placed[u] && HoldsSlot(u) && _start[u] + _durations[u] > ready)
            .Select(u => _start[u] + _durations[u]).Order();
        return candidates.First(at => Fits(at, _durations[t]));
    }

    /// <summary>Whether fewer than k placed tasks hold a slot at every instant of [at, at + length).</summary>
    private bool Fits(int at, int length)
    {
        // The number running only rises at a start, so checking at and the starts inside the window is enough.
        for (var x = at; x < at + length; x++)
        {
            if (x != at && !StartsAt(x))
            {
                continue;
            }

            var running = 0;
            for (var u = 0; u < _graph.Count; u++)
            {
                if (_placed[u] && HoldsSlot(u) && _start[u] <= x && x < _start[u] + _durations[u])
                {
                    running++;
                }
            }

            if (running >= _slots)
            {
                return false;
            }
        }

        return true;
    }

    private bool StartsAt(int x) =>
        Enumerable.Range(0, _graph.Count).Any(u => _placed[u] && HoldsSlot(u) && _start[u] == x);

    private bool HoldsSlot(int u) => !_slotless[u] && _durations[u] > 0;
}
