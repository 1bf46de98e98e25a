using Workflow.Api.Security;

namespace Workflow.Api.Tests.Security;

public sealed class DevSigningKeyTests
{
    private static string TempFile() =>
        Path.Combine(Directory.CreateTempSubdirectory("wf-devkey-").FullName, "data", "dev-signing-key");

    [Fact]
    public void A_key_file_is_made_on_first_start_readable_by_its_owner_only_and_reused_after()
    {
        // Arrange
        var path = TempFile();
        var options = new WorkflowAuthOptions { DevSigningKeyFile = path };

        // Act
        var first = new DevSigningKey(options);
        var second = new DevSigningKey(options);

        // Assert
        Assert.True(File.Exists(path));
        Assert.Equal(first.Key.Key, second.Key.Key);
        Assert.Equal(32, first.Key.Key.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Without_a_key_or_a_file_every_process_gets_its_own_random_key()
    {
        // Act
        var first = new DevSigningKey(new WorkflowAuthOptions());
        var second = new DevSigningKey(new WorkflowAuthOptions());

        // Assert
        Assert.NotEqual(first.Key.Key, second.Key.Key);
    }

    [Fact]
    public void A_damaged_key_file_is_refused_with_a_message_naming_it_and_the_fix()
    {
        // Arrange
        var path = TempFile();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "c2hvcnQ=");

        // Act
        var error = Assert.Throws<InvalidOperationException>(() =>
            new DevSigningKey(new WorkflowAuthOptions { DevSigningKeyFile = path }));

        // Assert
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_key_wins_over_the_file()
    {
        // Arrange
        var path = TempFile();
        var configured = new string('k', 40);

        // Act
        var key = new DevSigningKey(new WorkflowAuthOptions { DevSigningKey = configured, DevSigningKeyFile = path });

        // Assert
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(configured), key.Key.Key);
        Assert.False(File.Exists(path));
    }
}
