// Signature shim, not an implementation: Microsoft.Azure.Functions.Worker.Http (Worker.Extensions.Http).
// Transcribed from Azure/azure-functions-dotnet-worker (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
namespace Microsoft.Azure.Functions.Worker.Http;

public abstract class HttpRequestData
{
    public abstract Uri Url { get; }
}

public abstract class HttpResponseData
{
    public abstract System.Net.HttpStatusCode StatusCode { get; set; }
}
