using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class SecretsTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [Fact]
    public async Task Set_from_stdin_and_from_a_file_list_without_values_and_delete()
    {
        // Arrange
        await LoginAsync("alice", "cli-secrets", "editor");
        var group = "cli-secrets";
        var file = Path.Combine(ConfigDirectory, "value.txt");
        await File.WriteAllTextAsync(file, "from-a-file-value\n");
        var stdin = new InProcessCli(ConfigDirectory) { Input = "from-stdin-value\n" }
            .With("WF_SERVER", Host.BaseAddress.ToString());

        // Act
        var fromStdin = await stdin.RunAsync("secrets", "set", group, "CLI_TOKEN");
        var fromFile = await SucceedsAsync("secrets", "set", group, "CLI_TOKEN", "--from-file", file);
        var listed = await SucceedsAsync("secrets", "list", group);
        var badName = await Cli.RunAsync("secrets", "set", group, "bad-name", "--from-file", file);
        var deleted = await SucceedsAsync("secrets", "delete", group, "CLI_TOKEN");
        var afterDelete = await SucceedsAsync("secrets", "list", group);

        // Assert
        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.Contains("Set secret cli-secrets/CLI_TOKEN (version 1).", fromStdin.Out, StringComparison.Ordinal);
        Assert.Contains("(version 2)", fromFile, StringComparison.Ordinal);
        var row = Assert.Single(Lines(listed), l => l.Contains("CLI_TOKEN", StringComparison.Ordinal));
        Assert.Contains("alice", row, StringComparison.Ordinal);
        Assert.DoesNotContain("value", listed, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Error, badName.ExitCode);
        Assert.Contains("not a valid secret name", badName.Error, StringComparison.Ordinal);
        Assert.Contains("Deleted secret cli-secrets/CLI_TOKEN.", deleted, StringComparison.Ordinal);
        Assert.Contains("No secrets in group cli-secrets", afterDelete, StringComparison.Ordinal);
    }
}
