using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Saves the final snapshot of an ended run, serialized off the writer (<see cref="RunShell.SnapshotLater"/>). A run
/// purged in the meantime gets none.
/// </summary>
internal sealed class SnapshotSaveOp(string runId, long seq, byte[] stateUtf8) : WriteOp
{
    public override void Apply(WriteContext context) => context.Sql.UpsertSnapshot(runId, seq, stateUtf8);
}
