using Workflow.Cli.Config;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.Config;

public sealed class ConnectionSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_option_beats_the_environment_which_beats_the_default()
    {
        Assert.Equal("http://opt:1/", ConnectionSettings.ResolveServer("http://opt:1", Env(("WF_SERVER", "http://env:2"))).ToString());
        Assert.Equal("http://env:2/", ConnectionSettings.ResolveServer(null, Env(("WF_SERVER", "http://env:2"))).ToString());
        Assert.Equal("http://127.0.0.1:5080/", ConnectionSettings.ResolveServer(null, Env()).ToString());
    }

    [Fact]
    public void A_bare_host_and_port_becomes_an_http_URL_and_a_path_keeps_its_prefix()
    {
        Assert.Equal("http://localhost:5080/", ConnectionSettings.ParseServer("localhost:5080").ToString());
        Assert.Equal("https://wf.example/api-gw/", ConnectionSettings.ParseServer("https://wf.example/api-gw").ToString());
    }

    [Theory]
    [InlineData("ftp://h/")]
    [InlineData("http://")]
    public void A_bad_server_URL_names_the_value_and_the_expected_form(string text)
    {
        var error = Assert.Throws<CliUsageException>(() => ConnectionSettings.ParseServer(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_comes_from_the_option_then_WF_TOKEN_then_the_saved_file()
    {
        using var dir = new TempDirectory();
        var store = new TokenStore(dir.File("token"));
        await store.SaveAsync("saved", CancellationToken.None);

        var fromOption = await ConnectionSettings.ResolveAsync(null, "opt", Env(("WF_TOKEN", "env")), store, default);
        var fromEnv = await ConnectionSettings.ResolveAsync(null, null, Env(("WF_TOKEN", "env")), store, default);
        var fromFile = await ConnectionSettings.ResolveAsync(null, null, Env(), store, default);

        Assert.Equal(("opt", "env", "saved"), (fromOption.Token, fromEnv.Token, fromFile.Token));
    }
}
