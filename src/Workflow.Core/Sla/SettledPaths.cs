namespace Workflow.Sla;

/// <summary>
/// The forecast index's settled paths by task number, and the largest of their p95s (the critical settled path),
/// kept with a priority queue: a path taken out stays queued until it reaches the top (then it is dropped), which
/// makes taking one out free.
/// </summary>
internal sealed class SettledPaths(int count)
{
    private readonly RemainingWork[] _paths = new RemainingWork[count];
    private readonly bool[] _settled = new bool[count];
    private readonly PriorityQueue<int, double> _byQuantile = new(Comparer<double>.Create((a, b) => b.CompareTo(a)));
    private int _count;

    public bool Contains(int task) => _settled[task];

    /// <summary>The task's settled path, or zero when it has none.</summary>
    public RemainingWork PathTo(int task) => _settled[task] ? _paths[task] : RemainingWork.Zero;

    public void Set(int task, RemainingWork path)
    {
        Remove(task);
        _paths[task] = path;
        _settled[task] = true;
        _count++;
        _byQuantile.Enqueue(task, path.Quantile95);
    }

    public void Remove(int task)
    {
        if (_settled[task])
        {
            _settled[task] = false;
            _count--;
        }
    }

    /// <summary>The largest settled p95, or 0 when nothing is settled (as of the last <see cref="Tidy"/>).</summary>
    public double Critical => _byQuantile.TryPeek(out _, out var quantile95) ? quantile95 : 0.0;

    /// <summary>
    /// Drops paths from the top of the queue that are no longer settled with that p95, so the top is the critical
    /// settled path; and starts the queue afresh when taken-out paths outnumber the settled ones.
    /// </summary>
    public void Tidy()
    {
        if (_byQuantile.Count > (2 * _count) + 64)
        {
            _byQuantile.Clear();
            for (var task = 0; task < _settled.Length; task++)
            {
                if (_settled[task])
                {
                    _byQuantile.Enqueue(task, _paths[task].Quantile95);
                }
            }
        }

        while (_byQuantile.TryPeek(out var task, out var quantile95) &&
               !(_settled[task] && _paths[task].Quantile95 == quantile95))
        {
            _byQuantile.Dequeue();
        }
    }
}
