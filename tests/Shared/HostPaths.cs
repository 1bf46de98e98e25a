namespace Workflow.Tests.Shared;

/// <summary>
/// Finds the host's project folder and the host's build output from the test assembly's location.
/// Shared by the test projects that start the host as a child process.
/// </summary>
internal static class HostPaths
{
    public static string HostProjectDirectory() => Path.Combine(RepositoryFiles.Root, "src", "Workflow.Host");

    /// <summary>
    /// The host built next to this test assembly (same configuration and framework), run from its own output
    /// folder so that its runtime config and dependencies are the ones it was built with.
    /// </summary>
    public static string HostAssembly()
    {
        // AppContext.BaseDirectory is .../tests/{test project}/bin/{Configuration}/{framework}/
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var path = Path.Combine(HostProjectDirectory(), "bin", configuration.Name, framework.Name, "Workflow.Host.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The host is not built at {path}; build the test project, which references src/Workflow.Host.", path);
        }

        return path;
    }
}
