using Microsoft.Data.Sqlite;

namespace Workflow.Engine.Runtime;

/// <summary>Lets other parts of the product (scheduler watermarks, alert state) write inside the group commit.</summary>
internal sealed class DelegateWriteOp<T>(Func<SqliteConnection, SqliteTransaction, T> work) : WriteOp<T>
{
    protected override T Execute(WriteContext context) => work(context.Connection, context.Transaction);
}
