namespace Workflow.Host.Tests.Browser;

/// <summary>Finds the host's build output and project folder from the test assembly's location.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Workflow.sln above {AppContext.BaseDirectory}.");
    }

    public static string HostProjectDirectory() => Path.Combine(Root(), "src", "Workflow.Host");

    /// <summary>
    /// The host built next to this test assembly (same configuration and framework), run from its own output
    /// folder so that its runtime config and dependencies are the ones it was built with.
    /// </summary>
    public static string HostAssembly()
    {
        // AppContext.BaseDirectory is .../tests/Workflow.Host.Tests/bin/{Configuration}/{framework}/
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var path = Path.Combine(HostProjectDirectory(), "bin", configuration.Name, framework.Name, "Workflow.Host.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The host is not built at {path}; build tests/Workflow.Host.Tests, which references it.", path);
        }

        return path;
    }
}
