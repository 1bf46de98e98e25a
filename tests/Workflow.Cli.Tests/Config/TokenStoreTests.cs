using Workflow.Cli.Config;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.Config;

public sealed class TokenStoreTests
{
    [Fact]
    public void The_token_lives_under_XDG_CONFIG_HOME_when_set_and_under_HOME_otherwise()
    {
        var xdg = TokenStore.FromEnvironment(n => n == "XDG_CONFIG_HOME" ? "/x" : "/home/u");
        var home = TokenStore.FromEnvironment(n => n == "HOME" ? "/home/u" : null);

        Assert.Equal("/x/workflow/token", xdg.Path);
        Assert.Equal("/home/u/.config/workflow/token", home.Path);
    }

    [Fact]
    public async Task A_saved_token_reads_back_and_only_its_owner_may_read_the_file()
    {
        using var dir = new TempDirectory();
        var store = new TokenStore(Path.Combine(dir.Path, "nested", "workflow", "token"));

        Assert.Null(await store.ReadAsync(default));
        await store.SaveAsync(" eyJ.abc.def \n", default);

        Assert.Equal("eyJ.abc.def", await store.ReadAsync(default));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        }
    }
}
