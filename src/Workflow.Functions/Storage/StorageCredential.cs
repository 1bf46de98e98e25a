using Azure.Core;
using Azure.Identity;

namespace Workflow.Functions.Storage;

/// <summary>The Entra ID credential every storage client of the app uses: the user-assigned identity when named.</summary>
internal static class StorageCredential
{
    // ManagedIdentityCredential(string clientId) is obsolete in current Azure.Identity (CS0618 fails this build,
    // which treats warnings as errors); the ManagedIdentityId form is the replacement.
    public static TokenCredential From(StorageOptions options) => string.IsNullOrEmpty(options.ManagedIdentityClientId)
        ? new DefaultAzureCredential()
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}
