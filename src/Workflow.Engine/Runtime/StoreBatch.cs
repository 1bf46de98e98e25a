using Microsoft.Data.Sqlite;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>
/// What the writer thread decided since the last hand-off: the row changes to commit together, the ops to
/// acknowledge, the ops it rejected (told only once the batch is durable, since their checks read its earlier
/// writes) and the actions to run once the commit is durable.
/// </summary>
/// <remarks>
/// A batch either holds recorded <see cref="Writes"/> for the commit thread to carry out in a transaction of its
/// own, or, once an op needed the connection (an API write), a <see cref="Transaction"/> the writer already
/// opened and wrote into, which the commit thread only has to commit.
/// </remarks>
internal sealed class StoreBatch
{
    public List<StoreWrite> Writes { get; } = [];
    public List<Action> AfterCommit { get; } = [];
    public List<WriteOp> Ops { get; } = [];
    public List<(WriteOp Op, Exception Error)> Rejected { get; } = [];

    /// <summary>The open shared transaction the writer applied this batch in, or null for recorded writes.</summary>
    public SqliteTransaction? Transaction { get; set; }

    public bool IsEmpty => Ops.Count == 0 && Writes.Count == 0 && AfterCommit.Count == 0 && Rejected.Count == 0 &&
                           Transaction is null;
}
