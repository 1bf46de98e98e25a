namespace Workflow.Services;

/// <summary>
/// A group's secrets, write-only to people: the API sets, lists (names and metadata) and deletes them, and only
/// the attempt executor reads a value, when an attempt that references it starts. The embedded host keeps them
/// encrypted with ASP.NET Core Data Protection in its SQLite file; the Azure app keeps them in Key Vault. Names
/// and values are checked by <see cref="Workflow.Secrets.SecretRules"/> before they reach a store.
/// </summary>
public interface ISecretStore
{
    /// <summary>Creates or replaces a secret; the answer carries its new version (1 for a new one).</summary>
    ValueTask<SecretInfo> SetAsync(string group, string name, string value, string actor,
        CancellationToken cancellationToken);

    /// <summary>The group's secrets by name, without values.</summary>
    ValueTask<IReadOnlyList<SecretInfo>> ListAsync(string group, CancellationToken cancellationToken);

    /// <summary>False when the group has no secret of that name.</summary>
    ValueTask<bool> DeleteAsync(string group, string name, CancellationToken cancellationToken);

    /// <summary>The plaintext, or null when the group has no such secret. For the attempt executor only.</summary>
    ValueTask<string?> GetValueAsync(string group, string name, CancellationToken cancellationToken);
}

/// <summary>What anyone may know of a secret: never its value.</summary>
public sealed record SecretInfo(string Name, int Version, string UpdatedBy, DateTimeOffset UpdatedAt);
