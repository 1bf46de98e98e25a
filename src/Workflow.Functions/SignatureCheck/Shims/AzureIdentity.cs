// Signature shim, not an implementation: Azure.Identity credentials (src/Credentials/ManagedIdentityCredential.cs, DefaultAzureCredential.cs).
// Transcribed from Azure/azure-sdk-for-net sdk/identity/Azure.Identity (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Azure.Core;

namespace Azure.Identity;

public class TokenCredentialOptions
{
}

public class DefaultAzureCredentialOptions : TokenCredentialOptions
{
}

public class DefaultAzureCredential : TokenCredential
{
    public DefaultAzureCredential(bool includeInteractiveCredentials = false)
    {
    }

    public DefaultAzureCredential(DefaultAzureCredentialOptions options)
    {
    }
}

public class ManagedIdentityId
{
    private ManagedIdentityId()
    {
    }

    public static ManagedIdentityId SystemAssigned { get; } = new();

    public static ManagedIdentityId FromUserAssignedClientId(string id) => new();
}

public class ManagedIdentityCredentialOptions(ManagedIdentityId? managedIdentityId = null) : TokenCredentialOptions
{
    internal ManagedIdentityId? Id { get; } = managedIdentityId;
}

public class ManagedIdentityCredential : TokenCredential
{
    [Obsolete("Use constructor ManagedIdentityCredential(ManagedIdentityId id) or ManagedIdentityCredential(ManagedIdentityCredentialOptions options).")]
    public ManagedIdentityCredential(string? clientId = null, TokenCredentialOptions? options = null)
    {
    }

    public ManagedIdentityCredential(ManagedIdentityId id)
    {
    }

    public ManagedIdentityCredential(ManagedIdentityCredentialOptions options)
    {
    }
}
