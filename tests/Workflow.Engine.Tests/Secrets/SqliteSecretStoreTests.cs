using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Secrets;
using Workflow.Engine.Tests.Support;
using Workflow.Services;

namespace Workflow.Engine.Tests.Secrets;

public sealed class SqliteSecretStoreTests
{
    private const string Value = "correct-horse-battery-staple";

    [Fact]
    public async Task The_key_ring_is_in_the_data_directory_the_table_holds_ciphertext_and_a_restart_decrypts_it()
    {
        // Arrange
        var directory = TempDirectory.Create();
        var database = Path.Combine(directory, "workflow.db");

        // Act
        await using (var engine = await TestEngine.StartAsync(dataDirectory: directory))
        {
            var store = engine.Services.GetRequiredService<ISecretStore>();
            await store.SetAsync("data-eng", "DB_PASSWORD", Value, "erin", CancellationToken.None);
        }

        var stored = await SqliteFile.QueryTextsAsync(database, "SELECT ciphertext FROM secrets;");
        var keys = Directory.GetFiles(Path.Combine(directory, SecretServiceCollectionExtensions.KeyDirectoryName), "*.xml");
        string? afterRestart;
        string? otherGroup;
        await using (var engine = await TestEngine.StartAsync(dataDirectory: directory))
        {
            var store = engine.Services.GetRequiredService<ISecretStore>();
            afterRestart = await store.GetValueAsync("data-eng", "DB_PASSWORD", CancellationToken.None);
            otherGroup = await store.GetValueAsync("finance", "DB_PASSWORD", CancellationToken.None);
        }

        // Assert
        var ciphertext = Assert.Single(stored);
        Assert.DoesNotContain(Value, ciphertext, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(database)),
            StringComparison.Ordinal);
        Assert.NotEmpty(keys);
        Assert.Equal(Value, afterRestart);
        Assert.Null(otherGroup);
    }

    [Fact]
    public async Task Setting_again_raises_the_version_and_deleting_removes_the_secret()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var store = engine.Services.GetRequiredService<ISecretStore>();

        // Act
        var first = await store.SetAsync("g", "A", "one", "erin", CancellationToken.None);
        var second = await store.SetAsync("g", "A", "two", "olga", CancellationToken.None);
        var listed = await store.ListAsync("g", CancellationToken.None);
        var value = await store.GetValueAsync("g", "A", CancellationToken.None);
        var deleted = await store.DeleteAsync("g", "A", CancellationToken.None);
        var deletedAgain = await store.DeleteAsync("g", "A", CancellationToken.None);

        // Assert
        Assert.Equal((1, 2), (first.Version, second.Version));
        var info = Assert.Single(listed);
        Assert.Equal(("A", 2, "olga"), (info.Name, info.Version, info.UpdatedBy));
        Assert.Equal("two", value);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Empty(await store.ListAsync("g", CancellationToken.None));
    }
}
