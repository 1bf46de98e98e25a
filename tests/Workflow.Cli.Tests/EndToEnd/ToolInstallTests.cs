using System.Xml.Linq;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

/// <summary>
/// <c>wf</c> as a user installs it: the CLI project packed as a .NET tool, installed into a tool path of its own with
/// <c>dotnet tool install</c>, and the installed command run as a child process.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "wf-tool-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_runs_as_wf()
    {
        // Arrange: pack what this test run already built (no second build beside the running tests).
        var project = Path.Combine(RepositoryFiles.Root, "src", "Workflow.Cli", "Workflow.Cli.csproj");
        var version = XDocument.Load(project).Descendants("Version").Single().Value;
        var feed = Path.Combine(_scratch, "feed");
        var tools = Path.Combine(_scratch, "tools");
        var environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["TERM"] = "dumb" };
        var pack = await ChildProcess.RunAsync("dotnet",
            ["pack", project, "--no-build", "-c", BuildConfiguration(), "-o", feed], environment, TimeSpan.FromMinutes(4));
        Assert.True(pack.ExitCode == 0, pack.ToString());

        // Act
        var install = await ChildProcess.RunAsync("dotnet",
            ["tool", "install", "Workflow.Cli", "--tool-path", tools, "--add-source", feed, "--version", version],
            environment, TimeSpan.FromMinutes(4));
        var wf = Path.Combine(tools, "wf");
        var help = await ChildProcess.RunAsync(wf, ["--help"], environment, TimeSpan.FromMinutes(1));
        var unreachable = await ChildProcess.RunAsync(wf, ["runs", "list", "--server", "http://127.0.0.1:9"],
            environment, TimeSpan.FromMinutes(1));

        // Assert
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("wf [command] [options]", help.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unreachable, unreachable.ExitCode);
        Assert.StartsWith("error: Cannot reach the Workflow server at http://127.0.0.1:9/", unreachable.Error,
            StringComparison.Ordinal);
    }

    /// <summary>The configuration this test assembly was built in: <c>bin/{configuration}/{framework}/</c>.</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }
}
