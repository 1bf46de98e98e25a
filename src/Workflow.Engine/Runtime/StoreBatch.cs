using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>
/// What the writer thread decided since the last hand-off: the row changes to commit together, the ops to
/// acknowledge and the actions to run once the commit is durable.
/// </summary>
internal sealed class StoreBatch
{
    public List<StoreWrite> Writes { get; } = [];
    public List<Action> AfterCommit { get; } = [];
    public List<WriteOp> Ops { get; } = [];

    public bool IsEmpty => Ops.Count == 0 && Writes.Count == 0 && AfterCommit.Count == 0;
}
