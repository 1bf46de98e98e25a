// Signature shim, not an implementation: Azure.Core.TokenCredential.
// Transcribed from Azure/azure-sdk-for-net sdk/core/Azure.Core (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
namespace Azure.Core;

public abstract class TokenCredential
{
}
