using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The single writer and its group commit. Whatever ops have queued up while the last transaction committed are
/// applied together and committed in one transaction, so the cost of an fsync is shared by the whole batch.
/// Callers hear back only after their op is durable. The writer has its own thread: a commit blocks in fsync,
/// and that must not take a thread-pool thread from the workers.
/// </summary>
public sealed class WriteLoop
{
    private readonly ConcurrentQueue<WriteOp> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly TimeProvider _time;
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

    /// <summary>Time spent applying ops (decider and SQL statements) and committing (fsync), for the benchmark.</summary>
    public TimeSpan ApplyTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, _applyTicks);

    public TimeSpan CommitTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, _commitTicks);

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's connection inside the next group commit and returns its result
    /// once committed. Work runs inside a savepoint: if it throws, only its own writes are undone. Keep it short:
    /// every other write waits for it.
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
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
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
        var thread = new Thread(() => Run(context)) { IsBackground = true, Name = "workflow-writer" };
        thread.Start();
    }

    private void Run(WriteContext context)
    {
        var batch = new List<WriteOp>(_maxBatch);
        try
        {
            while (true)
            {
                _signal.Wait();
                Volatile.Write(ref _signalled, 0);
                while (!_queue.IsEmpty)
                {
                    if (!CommitBatch(context, batch))
                    {
                        return;
                    }
                }

                if (_closed && _queue.IsEmpty)
                {
                    return;
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private bool CommitBatch(WriteContext context, List<WriteOp> batch)
    {
        context.Begin(_time.GetUtcNow());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            while (batch.Count < _maxBatch && (context.TryTakeFollowUp(out var op) || _queue.TryDequeue(out op)))
            {
                Apply(context, op);
                batch.Add(op);
            }

            while (context.TryTakeFollowUp(out var followUp))
            {
                Apply(context, followUp);
                batch.Add(followUp);
            }

            var applied = System.Diagnostics.Stopwatch.GetTimestamp();
            context.Commit();
            _applyTicks += applied - started;
            _commitTicks += System.Diagnostics.Stopwatch.GetTimestamp() - applied;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            _fault = ex;
            Log.StoreFailed(_logger, ex);
            context.Rollback();
            foreach (var op in batch)
            {
                op.Fail(ex);
            }

            while (_queue.TryDequeue(out var pending))
            {
                pending.Fail(ex);
            }

            return false;
        }

        Batches++;
        OpsApplied += batch.Count;
        context.RunAfterCommit();
        foreach (var op in batch)
        {
            op.Committed();
        }

        batch.Clear();
        return true;
    }

    private void Apply(WriteContext context, WriteOp op)
    {
        if (!op.Isolated)
        {
            op.Apply(context);
            return;
        }

        context.Transaction.Save("op");
        var actionsBefore = context.AfterCommitCount;
        context.Isolated = true;
        try
        {
            op.Apply(context);
            context.Transaction.Release("op");
        }
        catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: 10 or 13 })
        {
            context.Transaction.Rollback("op");
            context.Transaction.Release("op");
            context.DropAfterCommit(actionsBefore);
            op.Fail(ex);
            Log.WriteOpFailed(_logger, op.GetType().Name, ex.Message);
        }
        finally
        {
            context.Isolated = false;
        }
    }
}
