using System.Globalization;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Workflow.Services;
using static Workflow.Functions.Secrets.KeyVaultSecretNames;

namespace Workflow.Functions.Secrets;

/// <summary>
/// The Azure app's secrets, in the Key Vault that <c>infra/</c> creates, reached with the app's managed identity
/// (Key Vault Secrets Officer). Each secret is one Key Vault secret named by <see cref="KeyVaultSecretNames"/>, with
/// its group, name, version and setter in tags; Key Vault keeps the value encrypted and its own version history.
/// Deleting is Key Vault's soft delete; setting a name again while it is soft-deleted recovers it first, then writes
/// the new value as version 1.
/// </summary>
public sealed class KeyVaultSecretStore(SecretClient client, TimeProvider time) : ISecretStore
{
    public async ValueTask<SecretInfo> SetAsync(string group, string name, string value, string actor,
        CancellationToken cancellationToken)
    {
        var vaultName = For(group, name);
        var current = await FindAsync(vaultName, cancellationToken);
        var version = current is null ? 1 : Version(current.Properties) + 1;
        var secret = new KeyVaultSecret(vaultName, value);
        secret.Properties.Tags[GroupTag] = group;
        secret.Properties.Tags[NameTag] = name;
        secret.Properties.Tags[VersionTag] = version.ToString(CultureInfo.InvariantCulture);
        secret.Properties.Tags[UpdatedByTag] = actor;
        secret.Properties.ContentType = "text/plain";
        KeyVaultSecret stored;
        try
        {
            stored = await client.SetSecretAsync(secret, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Soft-deleted under this name: recover it, then write the new value over it.
            var recovery = await client.StartRecoverDeletedSecretAsync(vaultName, cancellationToken);
            await recovery.WaitForCompletionAsync(cancellationToken);
            secret.Properties.Tags[VersionTag] = "1";
            version = 1;
            stored = await client.SetSecretAsync(secret, cancellationToken);
        }

        return new SecretInfo(name, version, actor, stored.Properties.UpdatedOn ?? time.GetUtcNow());
    }

    public async ValueTask<IReadOnlyList<SecretInfo>> ListAsync(string group, CancellationToken cancellationToken)
    {
        var secrets = new List<SecretInfo>();
        await foreach (var properties in client.GetPropertiesOfSecretsAsync(cancellationToken))
        {
            if (properties.Tags.TryGetValue(GroupTag, out var owner) && owner == group
                && properties.Tags.TryGetValue(NameTag, out var name)
                && properties.Name == For(group, name))
            {
                secrets.Add(new SecretInfo(name, Version(properties),
                    properties.Tags.TryGetValue(UpdatedByTag, out var by) ? by : "",
                    properties.UpdatedOn ?? properties.CreatedOn ?? DateTimeOffset.UnixEpoch));
            }
        }

        return [.. secrets.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    public async ValueTask<bool> DeleteAsync(string group, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.StartDeleteSecretAsync(For(group, name), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    public async ValueTask<string?> GetValueAsync(string group, string name, CancellationToken cancellationToken) =>
        (await FindAsync(For(group, name), cancellationToken))?.Value;

    private async Task<KeyVaultSecret?> FindAsync(string vaultName, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetSecretAsync(vaultName, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static int Version(SecretProperties properties) =>
        properties.Tags.TryGetValue(VersionTag, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 1;
}
