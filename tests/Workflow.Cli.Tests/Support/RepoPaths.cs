namespace Workflow.Cli.Tests.Support;

/// <summary>Finds the repository and the host's build output from the test assembly's location.</summary>
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

    /// <summary>The host built with the same configuration and framework as this test assembly, in its own folder.</summary>
    public static string HostAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var path = Path.Combine(Root(), "src", "Workflow.Host", "bin", configuration.Name, framework.Name, "Workflow.Host.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The host is not built at {path}; build tests/Workflow.Cli.Tests.", path);
    }

    /// <summary><c>wf.dll</c>, copied next to the tests by the project reference.</summary>
    public static string CliAssembly() => Path.Combine(AppContext.BaseDirectory, "wf.dll");

    /// <summary>A pipeline file of the end-to-end tests, copied to the output folder.</summary>
    public static string Pipeline(string name) => Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Pipelines", name);
}
