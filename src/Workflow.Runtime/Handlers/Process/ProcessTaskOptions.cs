namespace Workflow.Runtime.Handlers.Process;

/// <summary>Settings of the <c>process</c> task kind that come from the host rather than from a task's config.</summary>
public sealed class ProcessTaskOptions
{
    /// <summary>The variable that ties a child process to the store whose attempt started it.</summary>
    public const string DataDirectoryVariable = "WF_DATA_DIRECTORY";

    /// <summary>
    /// The embedded engine's data directory, passed to every child as <see cref="DataDirectoryVariable"/> so that
    /// the next host on that directory can find and kill what a crashed one left running. Null when attempts run
    /// without a local store (the Azure app).
    /// </summary>
    public string? DataDirectory { get; set; }
}
