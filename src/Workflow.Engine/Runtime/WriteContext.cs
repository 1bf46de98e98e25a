using Microsoft.Data.Sqlite;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The writer thread's view while it applies ops. In pipelined mode (completions, timers) row changes are
/// recorded into the current <see cref="StoreBatch"/> for the commit thread. Once an isolated op (an API write
/// such as starting a run or storing a pipeline) comes, the batch switches to direct mode: the writer opens the
/// batch's shared transaction and every write runs at once, each isolated op inside a savepoint of its own.
/// </summary>
internal sealed class WriteContext(SqliteConnection connection, SqliteConnection readConnection,
    HotStatements statements, EngineRuntime engine)
{
    private readonly Queue<WriteOp> _followUps = new();
    private readonly KeptCommands _kept = new(connection);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>For reads of committed state (pipeline definitions) while the commit thread owns <see cref="Connection"/>.</summary>
    public SqliteConnection ReadConnection { get; } = readConnection;

    /// <summary>The batch's open shared transaction in direct mode.</summary>
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
        RequireDirect();
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Like <see cref="Command"/>, for the statements every API write of a kind runs (a pipeline save): prepared once
    /// on the writer's connection and kept, since preparing cost more than running them. The caller sets its
    /// parameters (cleared here) and does not dispose it; the connection's close releases it.
    /// </summary>
    public SqliteCommand KeptCommand(string sql)
    {
        RequireDirect();
        return _kept.For(sql, Transaction);
    }

    private void RequireDirect()
    {
        if (!Direct)
        {
            throw new InvalidOperationException("Ad hoc commands are only allowed in isolated ops.");
        }
    }

    /// <summary>Hands the batch over (recorded writes, or the open shared transaction) and starts a fresh one.</summary>
    internal StoreBatch TakeBatch()
    {
        var batch = Batch;
        Batch = new StoreBatch();
        Direct = false;
        Transaction = null!;
        Sql.RecordInto(Batch.Writes);
        return batch;
    }

    /// <summary>
    /// Opens the batch's shared transaction on the writer's connection (no commit may be using it) and carries out
    /// the writes recorded so far in it; until the batch is handed off, every write then runs at once.
    /// </summary>
    internal void OpenTransaction()
    {
        Transaction = Connection.BeginTransaction(deferred: false);
        Batch.Transaction = Transaction;
        Direct = true;
        Sql.RecordInto(null);
        Sql.Bind(Transaction);
        Sql.Execute(Batch.Writes);
        Batch.Writes.Clear();
    }

    /// <summary>Marks where an isolated op begins, so that a failure undoes only what the op did.</summary>
    internal OpMark BeginOp()
    {
        Transaction.Save(SavepointName);
        return new OpMark(Batch.Ops.Count, Batch.AfterCommit.Count, _followUps.Count);
    }

    internal void EndOp() => Transaction.Release(SavepointName);

    /// <summary>Undoes an isolated op: its rows, its follow-ups and its after-commit actions; earlier ops stay.</summary>
    internal void UndoOp(OpMark mark)
    {
        Transaction.Rollback(SavepointName);
        Transaction.Release(SavepointName);
        Batch.Ops.RemoveRange(mark.Ops, Batch.Ops.Count - mark.Ops);
        Batch.AfterCommit.RemoveRange(mark.AfterCommit, Batch.AfterCommit.Count - mark.AfterCommit);
        var earlier = _followUps.Take(mark.FollowUps).ToList();
        _followUps.Clear();
        earlier.ForEach(_followUps.Enqueue);
    }

    private const string SavepointName = "op";

    /// <summary>How much of the batch existed before an isolated op began.</summary>
    internal readonly record struct OpMark(int Ops, int AfterCommit, int FollowUps);
}
