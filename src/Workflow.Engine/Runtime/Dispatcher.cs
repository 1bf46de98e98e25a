using Workflow.Runtime.Handlers;


namespace Workflow.Engine.Runtime;

/// <summary>
/// The global work queue: one priority queue per pool, ordered by priority (high first), then upward rank
/// (high first), then enqueue order. A pool starts an attempt whenever it has a free slot; per-run limits are the
/// decider's business, which only asks for what a run may run.
/// </summary>
internal sealed class Dispatcher
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Pool> _pools = new(StringComparer.Ordinal);
    private readonly EngineOptions _options;
    private readonly LeaseTable _leases;
    private readonly HandlerRegistry _handlers;
    private readonly TimeProvider _time;
    private Func<WorkItem, Lease, Task>? _run;
    private bool _paused = true;

    [ThreadStatic]
    private static bool t_launching;

    public Dispatcher(EngineOptions options, LeaseTable leases, HandlerRegistry handlers, TimeProvider time)
    {
        _options = options;
        _leases = leases;
        _handlers = handlers;
        _time = time;
    }

    /// <summary>Attempts started by this dispatcher since start-up.</summary>
    public long Started { get; private set; }

    public void Start(Func<WorkItem, Lease, Task> run)
    {
        List<(WorkItem, Lease)> start = [];
        lock (_gate)
        {
            _run = run;
            _paused = false;
            foreach (var pool in _pools.Values)
            {
                Fill(pool, start);
            }
        }

        Launch(start);
    }

    public void Stop()
    {
        lock (_gate)
        {
            _paused = true;
        }
    }

    public void Enqueue(WorkItem item)
    {
        List<(WorkItem, Lease)>? start = null;
        lock (_gate)
        {
            var pool = PoolOf(item.Pool);
            var task = item.TaskAttempt.Task;
            pool.Queue.Enqueue(item, (-task.Priority, -task.Rank, item.Sequence));
            if (!_paused && pool.Running < pool.Capacity)
            {
                start = [];
                Fill(pool, start);
            }
        }

        Launch(start);
    }

    /// <summary>Frees the slot of an attempt that returned and starts the next one.</summary>
    public void Release(string poolName)
    {
        List<(WorkItem, Lease)>? start = null;
        lock (_gate)
        {
            var pool = PoolOf(poolName);
            pool.Running--;
            if (!_paused && pool.Queue.Count > 0)
            {
                start = [];
                Fill(pool, start);
            }
        }

        Launch(start);
    }

    /// <summary>The number of queued (not running) items per pool, for health and backlog views.</summary>
    public IReadOnlyDictionary<string, (int Queued, int Running, int Capacity)> Stats()
    {
        lock (_gate)
        {
            return _pools.ToDictionary(p => p.Key, p => (p.Value.Queue.Count, p.Value.Running, p.Value.Capacity));
        }
    }

    private void Fill(Pool pool, List<(WorkItem, Lease)> start)
    {
        while (pool.Running < pool.Capacity && pool.Queue.TryDequeue(out var item, out _))
        {
            if (item.Cancelled)
            {
                continue;
            }

            pool.Running++;
            Started++;
            var auto = _handlers.Find(item.TaskAttempt.Task.Kind)?.HeartbeatsItself != true;
            start.Add((item, _leases.Grant(item, _time.GetUtcNow() + _options.LeaseDuration, auto)));
        }
    }

    /// <summary>
    /// Starts each attempt on the calling thread: a worker's first step only posts the delivery's start to the
    /// writer and awaits its commit, and its handler runs on the thread pool after that commit. A thread-pool work
    /// item per launch would wake the pool twice per task instead of once. A launch from inside a launch (a start
    /// the writer refused at once frees its slot, which launches the next) goes to the pool, so a long queue
    /// refused in a row cannot recurse deeply.
    /// </summary>
    private void Launch(List<(WorkItem Item, Lease Lease)>? start)
    {
        if (start is null)
        {
            return;
        }

        var run = _run!;
        foreach (var (item, lease) in start)
        {
            if (t_launching)
            {
                _ = Task.Run(() => run(item, lease));
                continue;
            }

            t_launching = true;
            try
            {
                _ = run(item, lease);
            }
            finally
            {
                t_launching = false;
            }
        }
    }

    private Pool PoolOf(string name)
    {
        if (!_pools.TryGetValue(name, out var pool))
        {
            var capacity = _options.Pools.TryGetValue(name, out var configured) ? configured : _options.DefaultPoolCapacity;
            pool = new Pool(Math.Max(1, capacity));
            _pools[name] = pool;
        }

        return pool;
    }

    private sealed class Pool(int capacity)
    {
        public int Capacity { get; } = capacity;
        public int Running { get; set; }
        public PriorityQueue<WorkItem, (int, double, long)> Queue { get; } = new();
    }
}
