using Azure.Core;
using Azure.Identity;

namespace Workflow.Functions.Storage;

/// <summary>How the app reaches its storage in Azure: its user-assigned identity, or the default chain.</summary>
public static class StorageCredential
{
    // ManagedIdentityCredential(string clientId) is obsolete (CS0618 fails this build, which treats warnings as
    // errors); the ManagedIdentityId form is the replacement.
    public static TokenCredential For(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
    }
}
