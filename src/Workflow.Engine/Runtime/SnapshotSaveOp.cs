using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Saves the final snapshot of an ended run, serialized off the writer (<see cref="FinalSnapshots"/>). It never
/// replaces a later snapshot, and a run purged in the meantime gets none
/// (<c>HotStatements.SaveFinalSnapshot</c>).
/// </summary>
internal sealed class SnapshotSaveOp(string runId, long seq, byte[] stateUtf8, ILogger logger) : WriteOp
{
    public override void Apply(WriteContext context) => context.Sql.SaveFinalSnapshot(runId, seq, stateUtf8);

    public override void Fail(Exception error) => Log.SnapshotNotSaved(logger, runId, error.Message);
}
