namespace Workflow.Cli.Tests.Support;

/// <summary>Files the CLI tests find next to their own assembly; the host's paths are in <c>HostPaths</c>.</summary>
internal static class RepoPaths
{
    /// <summary><c>wf.dll</c>, copied next to the tests by the project reference.</summary>
    public static string CliAssembly() => Path.Combine(AppContext.BaseDirectory, "wf.dll");

    /// <summary>A pipeline file of the end-to-end tests, copied to the output folder.</summary>
    public static string Pipeline(string name) => Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Pipelines", name);
}
