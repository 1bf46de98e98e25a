namespace Workflow.Samples;

/// <summary>
/// Whether the samples are seeded, and the folder the warehouse source reads its table files from. Each host sets
/// them: the embedded host from <c>Workflow:Samples</c> and its data directory, the Azure app from
/// <c>Workflow:Samples:*</c> (there the folder is local to each instance; see docs/azure.md).
/// </summary>
public sealed class SampleOptions
{
    /// <summary>
    /// False: the handlers and the source stay registered (harmless), but nothing is stored and the source lists
    /// nothing.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The samples' own folder; the warehouse tables are in its <c>warehouse</c> subfolder.</summary>
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "workflow-samples");
}
