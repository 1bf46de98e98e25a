// Signature shim, not an implementation: ConfigureFunctionsWebApplication (Worker.Extensions.Http.AspNetCore, FunctionsApplicationBuilderAspNetCoreExtensions.cs).
// Transcribed from Azure/azure-functions-dotnet-worker (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Microsoft.Azure.Functions.Worker.Builder;

namespace Microsoft.Extensions.Hosting;

public static class FunctionsApplicationBuilderAspNetCoreExtensions
{
    public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) =>
        builder;
}
