using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The single writer, with pipelined group commit. The writer thread applies ops (runs the decider, records
/// row changes) while the commit thread makes the previous batch durable; whatever accumulated meanwhile is
/// committed next, in one transaction. So a chain of tasks is not held to one fsync per task, and a fan-out's
/// completions share their fsyncs. Callers and observers hear back only after their op is durable.
/// Both threads are dedicated: an fsync must not take a thread-pool thread from the workers.
/// </summary>
public sealed partial class WriteLoop
{
    private readonly ConcurrentQueue<WriteOp> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly TimeProvider _time;
    private StoreBatch? _slot;
    private volatile bool _committing;
    private bool _writerDone;
    private int _signalled;
    private long _applyTicks;
    private long _commitTicks;
    private volatile bool _closed;
    private volatile Exception? _fault;

    internal WriteLoop(ILogger logger, int maxBatch, TimeProvider time)
    {
        _logger = logger;
        _maxBatch = maxBatch;
        _time = time;
    }

    /// <summary>Batches committed so far; with <see cref="OpsApplied"/> it shows how well commits are grouped.</summary>
    public long Batches { get; private set; }

    public long OpsApplied { get; private set; }

    /// <summary>Time the writer thread spent applying ops, and the commit thread committing, for the benchmark.</summary>
    public TimeSpan ApplyTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _applyTicks));

    public TimeSpan CommitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks));

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's connection in its own transaction, after every earlier write
    /// is durable, and returns its result once committed. If it throws, its writes are rolled back.
    /// Keep it short: every other write waits for it.
    /// </summary>
    public Task<T> ExecuteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var op = new DelegateWriteOp<T>(work);
        Post(op);
        return op.Result;
    }

    internal void Post(WriteOp op)
    {
        if (_fault is { } fault)
        {
            op.Fail(new InvalidOperationException("The engine's store failed and stopped writing.", fault));
            return;
        }

        if (_closed)
        {
            op.Fail(new InvalidOperationException("The engine is stopping and accepts no more work."));
            return;
        }

        _queue.Enqueue(op);
        Wake();
    }

    /// <summary>Stops accepting ops; the ops already queued are still committed.</summary>
    internal void Complete()
    {
        _closed = true;
        _signal.Release();
    }

    internal Task Stopped => _stopped.Task;

    internal void Start(WriteContext context)
    {
        context.TakeBatch();
        new Thread(() => Write(context)) { IsBackground = true, Name = "workflow-writer" }.Start();
        new Thread(() => CommitLoop(context)) { IsBackground = true, Name = "workflow-commit" }.Start();
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
    }
}
