namespace Workflow.Host.Hosting;

/// <summary>Settings of the embedded host, bound from <c>Workflow</c> (and <c>--data</c> on the command line).</summary>
public sealed class WorkflowHostOptions
{
    public const string Section = "Workflow";

    /// <summary>Holds the SQLite file, logs, outputs and the samples' files. Relative paths are from the current directory.</summary>
    public string DataDirectory { get; set; } = ".workflow";

    /// <summary>Stores the sample pipelines (and their input files) at first start.</summary>
    public bool Samples { get; set; } = true;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
