using Microsoft.Data.Sqlite;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The writer thread's view while it applies ops. In pipelined mode (completions, timers) row changes are
/// recorded into the current <see cref="StoreBatch"/> for the commit thread; in direct mode (an isolated op such
/// as starting a run or storing a pipeline) they run at once in the op's own transaction.
/// </summary>
internal sealed class WriteContext(SqliteConnection connection, SqliteConnection readConnection,
    HotStatements statements, EngineRuntime engine)
{
    private readonly Queue<WriteOp> _followUps = new();

    public SqliteConnection Connection { get; } = connection;

    /// <summary>For reads of committed state (pipeline definitions) while the commit thread owns <see cref="Connection"/>.</summary>
    public SqliteConnection ReadConnection { get; } = readConnection;

    /// <summary>The open transaction in direct mode.</summary>
    public SqliteTransaction Transaction { get; private set; } = null!;

    public HotStatements Sql { get; } = statements;

    public EngineRuntime Engine { get; } = engine;

    public StoreBatch Batch { get; private set; } = new();

    public bool Direct { get; private set; }

    /// <summary>The time the current op is applied, from the engine's clock.</summary>
    public DateTimeOffset Now { get; set; }

    public long NowMs => UnixTime.ToMs(Now);

    public void AfterCommit(Action action) => Batch.AfterCommit.Add(action);

    /// <summary>
    /// Hands a new work item to the dispatcher. In pipelined mode this happens before the commit: the worker runs
    /// while the batch is being made durable, and whatever it reports is applied after this op and committed in
    /// this batch or a later one, so its outcome can never become durable before the item itself.
    /// </summary>
    public void Dispatch(WorkItem item)
    {
        var dispatcher = Engine.Dispatcher;
        if (Direct)
        {
            AfterCommit(() => dispatcher.Enqueue(item));
        }
        else
        {
            dispatcher.Enqueue(item);
        }
    }

    /// <summary>Queues an op that must follow in the same batch, such as a parent hearing that its child finished.</summary>
    public void FollowUp(WriteOp op) => _followUps.Enqueue(op);

    public bool TryTakeFollowUp(out WriteOp op) => _followUps.TryDequeue(out op!);

    public bool HasFollowUps => _followUps.Count > 0;

    /// <summary>An ad hoc command in the direct-mode transaction; isolated ops only.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!Direct)
        {
            throw new InvalidOperationException("Ad hoc commands are only allowed in isolated ops.");
        }

        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Starts recording into a fresh batch for the commit thread.</summary>
    internal StoreBatch TakeBatch()
    {
        var batch = Batch;
        Batch = new StoreBatch();
        Sql.RecordInto(Batch.Writes);
        return batch;
    }

    internal void BeginDirect()
    {
        Direct = true;
        Sql.RecordInto(null);
        Transaction = Connection.BeginTransaction(deferred: false);
        Sql.Bind(Transaction);
    }

    internal void EndDirect(bool commit)
    {
        try
        {
            if (commit)
            {
                Transaction.Commit();
            }
            else
            {
                Transaction.Rollback();
                _followUps.Clear();
            }
        }
        finally
        {
            Transaction.Dispose();
            Direct = false;
            Sql.RecordInto(Batch.Writes);
        }
    }
}
