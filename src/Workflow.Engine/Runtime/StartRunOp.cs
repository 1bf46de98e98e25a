namespace Workflow.Engine.Runtime;

/// <summary>
/// Creates a run unless one with the same id exists: starting a scheduled run twice is a no-op. The creation comes
/// planned (<see cref="RunCreation.Planned"/>), so the writer only applies the keys.
/// </summary>
internal sealed class StartRunOp(RunCreation creation) : WriteOp<bool>
{
    /// <summary>True when this op created the run; false when it already existed.</summary>
    protected override bool Execute(WriteContext context)
    {
        if (context.Engine.Runs.ContainsKey(creation.RunId) || Storage.RunRows.Exists(context, creation.RunId))
        {
            return false;
        }

        RunShell.Create(context, creation);
        return true;
    }
}
