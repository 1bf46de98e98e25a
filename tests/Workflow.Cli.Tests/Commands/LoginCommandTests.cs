using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.Commands;

public sealed class LoginCommandTests
{
    [Fact]
    public async Task Login_with_a_token_and_no_verify_saves_it_unchecked_where_later_commands_read_it()
    {
        using var dir = new TempDirectory();
        var cli = new InProcessCli(dir.Path).With("WF_SERVER", $"http://127.0.0.1:{FreePorts.Next()}");

        var result = await cli.RunAsync("login", "--token", "eyJhbGciOi.payload.sig", "--no-verify");

        Assert.Equal(0, result.ExitCode);
        var path = Path.Combine(dir.Path, "workflow", "token");
        Assert.Equal($"Token saved to {path}.", result.Out.Trim());
        Assert.Equal("eyJhbGciOi.payload.sig\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Login_with_a_token_when_the_server_is_out_of_reach_saves_nothing_and_names_no_verify()
    {
        using var dir = new TempDirectory();
        var cli = new InProcessCli(dir.Path).With("WF_SERVER", $"http://127.0.0.1:{FreePorts.Next()}");

        var result = await cli.RunAsync("login", "--token", "eyJhbGciOi.payload.sig");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains("not saved", result.Error, StringComparison.Ordinal);
        Assert.Contains("--no-verify", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "workflow", "token")));
    }

    [Fact]
    public async Task No_verify_without_a_token_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var result = await new InProcessCli(dir.Path).RunAsync("login", "--no-verify");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("error: --no-verify goes with --token", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_without_dev_or_token_says_both_ways_and_saves_nothing()
    {
        using var dir = new TempDirectory();

        var result = await new InProcessCli(dir.Path).RunAsync("login");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("wf login --dev --user NAME --groups GROUP", result.Error, StringComparison.Ordinal);
        Assert.Contains("wf login --token JWT", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "workflow", "token")));
    }

    [Fact]
    public async Task Login_dev_without_a_user_names_the_missing_option()
    {
        using var dir = new TempDirectory();

        var result = await new InProcessCli(dir.Path).RunAsync("login", "--dev", "--groups", "data-eng");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith("error: --dev needs --user NAME", result.Error, StringComparison.Ordinal);
    }
}
