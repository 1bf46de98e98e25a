using System.Security.Cryptography;
using System.Text;

namespace Workflow.Functions.Secrets;

/// <summary>
/// How a group's secret is named in Key Vault, whose names allow only <c>[0-9a-zA-Z-]</c> (127 at most) while group
/// names may hold any character: <c>wf-</c> and the SHA-256 of <c>{group}\n{name}</c> in hex, 67 characters. The
/// hash is not reversed: the group and the name travel in the secret's tags (<see cref="GroupTag"/>,
/// <see cref="NameTag"/>), which is what a listing filters and shows. Two groups never share a Key Vault name, and
/// a group's listing never shows another group's secret, since it filters on the group tag.
/// </summary>
public static class KeyVaultSecretNames
{
    public const string Prefix = "wf-";
    public const string GroupTag = "wf-group";
    public const string NameTag = "wf-name";
    public const string VersionTag = "wf-version";
    public const string UpdatedByTag = "wf-updated-by";

    public static string For(string group, string name)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{group}\n{name}"));
        return Prefix + Convert.ToHexStringLower(hash);
    }
}
