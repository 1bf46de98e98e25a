using Microsoft.Data.Sqlite;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>The writer's view during one batch: its connection and transaction, the batch clock and the actions to run after commit.</summary>
internal sealed class WriteContext(SqliteConnection connection, HotStatements statements, EngineRuntime engine)
{
    private readonly List<Action> _afterCommit = [];
    private readonly Queue<WriteOp> _followUps = new();

    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; private set; } = null!;

    public HotStatements Sql { get; } = statements;

    public EngineRuntime Engine { get; } = engine;

    /// <summary>The time of the batch, read once from the engine's clock.</summary>
    public DateTimeOffset Now { get; private set; }

    public long NowMs => UnixTime.ToMs(Now);

    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>True while an isolated op (one that may still roll back to its savepoint) is being applied.</summary>
    internal bool Isolated { get; set; }

    /// <summary>
    /// Hands a new work item to the dispatcher. Outside isolated ops this happens before the commit: the worker
    /// runs while the batch's fsync is under way, and anything it reports is applied by this writer after this
    /// batch, so it can only ever become durable after the item itself did.
    /// </summary>
    public void Dispatch(WorkItem item)
    {
        if (Isolated)
        {
            var dispatcher = Engine.Dispatcher;
            _afterCommit.Add(() => dispatcher.Enqueue(item));
        }
        else
        {
            Engine.Dispatcher.Enqueue(item);
        }
    }

    internal int AfterCommitCount => _afterCommit.Count;

    /// <summary>Forgets the after-commit actions of an op whose writes were rolled back to its savepoint.</summary>
    internal void DropAfterCommit(int keep) => _afterCommit.RemoveRange(keep, _afterCommit.Count - keep);

    /// <summary>Queues an op that must follow in the same batch, such as a parent hearing that its child finished.</summary>
    public void FollowUp(WriteOp op) => _followUps.Enqueue(op);

    public bool TryTakeFollowUp(out WriteOp op) => _followUps.TryDequeue(out op!);

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    internal void Begin(DateTimeOffset now)
    {
        Now = now;
        Transaction = Connection.BeginTransaction(deferred: false);
        Sql.Bind(Transaction);
    }

    internal void Commit()
    {
        Transaction.Commit();
        Transaction.Dispose();
    }

    internal void Rollback()
    {
        try
        {
            Transaction.Rollback();
        }
        finally
        {
            Transaction.Dispose();
            _afterCommit.Clear();
            _followUps.Clear();
        }
    }

    internal void RunAfterCommit()
    {
        foreach (var action in _afterCommit)
        {
            action();
        }

        _afterCommit.Clear();
    }
}
