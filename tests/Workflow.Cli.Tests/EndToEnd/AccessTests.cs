using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class AccessTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [Fact]
    public async Task Without_a_token_the_CLI_says_how_to_log_in()
    {
        var result = await Cli.RunAsync("pipelines", "list");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.Contains("(HTTP 401", lines[0], StringComparison.Ordinal);
        Assert.Contains("wf login --dev", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_saved_token_is_used_and_a_token_given_with_WF_TOKEN_wins_over_it()
    {
        // Arrange: alice is in data-eng and owns a pipeline there; bob only sees finance.
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("etl.json", out var id));
        var bob = await new InProcessCli(ConfigDirectory).With("WF_SERVER", Host.BaseAddress.ToString())
            .RunAsync("login", "--dev", "--user", "bob", "--groups", "finance", "--roles", "viewer");
        Assert.Equal(0, bob.ExitCode);
        var bobsToken = await File.ReadAllTextAsync(Path.Combine(ConfigDirectory, "workflow", "token"));
        await LoginAsync();

        // Act
        var asAlice = await Cli.RunAsync("pipelines", "show", id);
        var asBob = await Cli.With("WF_TOKEN", bobsToken.Trim()).RunAsync("pipelines", "show", id);

        // Assert: the other group's pipeline does not exist as far as bob can tell.
        Assert.Equal(0, asAlice.ExitCode);
        Assert.Equal(ExitCodes.Error, asBob.ExitCode);
        Assert.StartsWith($"error: There is no pipeline '{id}'", asBob.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_with_a_token_saves_it_only_once_the_server_accepts_it()
    {
        // Arrange: a token the host issued, taken from the file a dev login wrote, and then forgotten.
        await LoginAsync();
        var tokenFile = Path.Combine(ConfigDirectory, "workflow", "token");
        var good = (await File.ReadAllTextAsync(tokenFile)).Trim();
        File.Delete(tokenFile);

        // Act
        var bad = await Cli.RunAsync("login", "--token", good[..^4] + "AAAA");
        var savedAfterBad = File.Exists(tokenFile);
        var accepted = await Cli.RunAsync("login", "--token", good);

        // Assert
        Assert.Equal(ExitCodes.Error, bad.ExitCode);
        Assert.Contains("refused the token (HTTP 401", bad.Error, StringComparison.Ordinal);
        Assert.Contains("not saved", bad.Error, StringComparison.Ordinal);
        Assert.False(savedAfterBad);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.StartsWith($"Logged in to {Host.BaseAddress} as alice (groups: data-eng", accepted.Out, StringComparison.Ordinal);
        Assert.Equal(good, (await File.ReadAllTextAsync(tokenFile)).Trim());
    }

    [Fact]
    public async Task A_viewer_may_not_trigger_and_is_told_why()
    {
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("etl.json", out var id));
        await LoginAsync("carol", "data-eng", "viewer");

        var result = await Cli.RunAsync("runs", "trigger", id);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("(HTTP 403", Lines(result.Error)[0], StringComparison.Ordinal);
    }
}
