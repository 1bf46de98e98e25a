using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.Api;

public sealed class UnreachableServerTests
{
    [Fact]
    public async Task A_refused_connection_names_the_server_URL_and_exits_with_the_unreachable_code()
    {
        // Arrange: a loopback port that was free a moment ago and has no listener now.
        using var dir = new TempDirectory();
        var port = FreePorts.Next();
        var cli = new InProcessCli(dir.Path);

        // Act
        var result = await cli.RunAsync("pipelines", "list", "--server", $"http://127.0.0.1:{port}");

        // Assert
        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains($"Cannot reach the Workflow server at http://127.0.0.1:{port}/ (connection refused)", result.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
