using System.Text.RegularExpressions;
using Workflow.Functions.Secrets;

namespace Workflow.Functions.Tests.Secrets;

public sealed class KeyVaultSecretStoreTests
{
    private readonly InMemorySecretClient _client = new();

    private KeyVaultSecretStore Store() => new(_client, TimeProvider.System);

    [Fact]
    public async Task Set_list_read_and_delete_keep_groups_apart_and_use_key_vault_safe_names()
    {
        // Arrange
        var store = Store();

        // Act
        var first = await store.SetAsync("data-eng:prod", "DB_PASSWORD", "one", "erin", CancellationToken.None);
        var second = await store.SetAsync("data-eng:prod", "DB_PASSWORD", "two", "olga", CancellationToken.None);
        await store.SetAsync("finance", "DB_PASSWORD", "theirs", "fred", CancellationToken.None);
        var listed = await store.ListAsync("data-eng:prod", CancellationToken.None);
        var value = await store.GetValueAsync("data-eng:prod", "DB_PASSWORD", CancellationToken.None);
        var deleted = await store.DeleteAsync("data-eng:prod", "DB_PASSWORD", CancellationToken.None);
        var deletedAgain = await store.DeleteAsync("data-eng:prod", "DB_PASSWORD", CancellationToken.None);
        var afterDelete = await store.GetValueAsync("data-eng:prod", "DB_PASSWORD", CancellationToken.None);
        var theirs = await store.GetValueAsync("finance", "DB_PASSWORD", CancellationToken.None);

        // Assert
        Assert.Equal((1, 2), (first.Version, second.Version));
        var info = Assert.Single(listed);
        Assert.Equal(("DB_PASSWORD", 2, "olga"), (info.Name, info.Version, info.UpdatedBy));
        Assert.Equal("two", value);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Null(afterDelete);
        Assert.Equal("theirs", theirs);
        Assert.All(_client.Names, n => Assert.Matches(new Regex("^[0-9a-zA-Z-]{1,127}$"), n));
    }

    [Fact]
    public async Task Setting_a_soft_deleted_name_again_recovers_it_and_starts_at_version_1()
    {
        // Arrange
        var store = Store();
        await store.SetAsync("g", "TOKEN", "old", "erin", CancellationToken.None);
        await store.SetAsync("g", "TOKEN", "older", "erin", CancellationToken.None);
        await store.DeleteAsync("g", "TOKEN", CancellationToken.None);

        // Act
        var again = await store.SetAsync("g", "TOKEN", "new", "olga", CancellationToken.None);

        // Assert
        Assert.Equal(1, again.Version);
        Assert.Equal("new", await store.GetValueAsync("g", "TOKEN", CancellationToken.None));
        Assert.Equal(1, Assert.Single(await store.ListAsync("g", CancellationToken.None)).Version);
    }

    [Fact]
    public void Names_are_distinct_per_group_and_name()
    {
        Assert.NotEqual(KeyVaultSecretNames.For("a", "b_c"), KeyVaultSecretNames.For("a_b", "c"));
        Assert.Equal(KeyVaultSecretNames.For("g", "N"), KeyVaultSecretNames.For("g", "N"));
        Assert.StartsWith(KeyVaultSecretNames.Prefix, KeyVaultSecretNames.For("g", "N"), StringComparison.Ordinal);
    }
}
