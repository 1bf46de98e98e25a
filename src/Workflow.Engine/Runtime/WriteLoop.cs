using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The single writer, with pipelined group commit. The writer thread (<see cref="BatchWriter"/>) applies ops
/// (runs the decider, records row changes) while the commit thread (<see cref="BatchCommitter"/>) makes the
/// previous batch durable; whatever accumulated meanwhile is committed next, in one transaction. So a chain of
/// tasks is not held to one fsync per task, a fan-out's completions share their fsyncs, and so do the API writes
/// of many callers, each in a savepoint of the shared transaction. Callers and observers hear back only after
/// their op is durable, so a read on any connection after the await sees it.
/// Both threads are dedicated: an fsync must not take a thread-pool thread from the workers.
/// </summary>
public sealed class WriteLoop
{
    private readonly OpInbox _inbox = new();
    private readonly CommitSlot _slot = new();
    private readonly WriteStats _stats = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly BatchWriter _writer;
    private readonly BatchCommitter _committer;

    internal WriteLoop(ILogger logger, int maxBatch, TimeProvider time, int busyRetries = 6)
    {
        busyRetries = Math.Max(0, busyRetries);
        _writer = new BatchWriter(_inbox, _slot, _stats, logger, maxBatch, busyRetries, time);
        _committer = new BatchCommitter(_inbox, _slot, _stats, logger, busyRetries);
    }

    /// <summary>Batches committed so far; with <see cref="OpsApplied"/> it shows how well commits are grouped.</summary>
    public long Batches => _stats.Batches;

    public long OpsApplied => _stats.OpsApplied;

    /// <summary>Time the writer thread spent applying ops, and the commit thread committing, for the benchmark.</summary>
    public TimeSpan ApplyTime => _stats.ApplyTime;

    public TimeSpan CommitTime => _stats.CommitTime;

    /// <summary>Each commit's time, for the benchmark's percentiles.</summary>
    internal LatencyHistogram CommitLatency => _stats.CommitLatency;

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's connection inside the group commit's shared transaction, in a
    /// savepoint of its own, and returns its result once committed. If it throws, only its own writes are rolled
    /// back. Keep it short: every other write waits for it.
    /// </summary>
    public Task<T> ExecuteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var op = new DelegateWriteOp<T>(work);
        Post(op);
        return op.Result;
    }

    internal void Post(WriteOp op) => _inbox.Post(op);

    /// <summary>Stops accepting ops; the ops already queued are still committed.</summary>
    internal void Complete() => _inbox.Close();

    internal Task Stopped => _stopped.Task;

    internal void Start(WriteContext context)
    {
        context.TakeBatch();
        new Thread(() => RunWriter(context)) { IsBackground = true, Name = "workflow-writer" }.Start();
        new Thread(() => _committer.Run(context)) { IsBackground = true, Name = "workflow-commit" }.Start();
    }

    private void RunWriter(WriteContext context)
    {
        try
        {
            _writer.Run(context);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }
}
