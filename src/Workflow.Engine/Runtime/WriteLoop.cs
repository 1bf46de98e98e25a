using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The single writer and its group commit. Whatever ops have queued up while the last transaction committed are
/// applied together and committed in one transaction, so the cost of an fsync is shared by the whole batch.
/// Callers hear back only after their op is durable.
/// </summary>
public sealed class WriteLoop
{
    private readonly Channel<WriteOp> _channel =
        Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly TimeProvider _time;
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

        if (!_channel.Writer.TryWrite(op))
        {
            op.Fail(new InvalidOperationException("The engine is stopping and accepts no more work."));
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();

    internal async Task RunAsync(WriteContext context)
    {
        var reader = _channel.Reader;
        var batch = new List<WriteOp>(_maxBatch);
        while (await reader.WaitToReadAsync())
        {
            context.Begin(_time.GetUtcNow());
            try
            {
                while (batch.Count < _maxBatch && (context.TryTakeFollowUp(out var op) || reader.TryRead(out op)))
                {
                    Apply(context, op);
                    batch.Add(op);
                }

                while (context.TryTakeFollowUp(out var followUp))
                {
                    Apply(context, followUp);
                    batch.Add(followUp);
                }

                context.Commit();
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

                _channel.Writer.TryComplete(ex);
                return;
            }

            Batches++;
            OpsApplied += batch.Count;
            context.RunAfterCommit();
            foreach (var op in batch)
            {
                op.Committed();
            }

            batch.Clear();
        }
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
    }
}
