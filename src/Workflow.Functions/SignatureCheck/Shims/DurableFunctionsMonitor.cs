// Signature shim, not an implementation: DurableFunctionsMonitor.DotNetIsolated (durablefunctionsmonitor.dotnetisolated.core/Common/ExtensionMethods.cs).
// Transcribed from microsoft/DurableFunctionsMonitor (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;

namespace DurableFunctionsMonitor.DotNetIsolated;

public class DfmSettings
{
}

public class DfmExtensionPoints
{
}

public static class ExtensionMethods
{
    public static IFunctionsWorkerApplicationBuilder UseDurableFunctionsMonitor(this IFunctionsWorkerApplicationBuilder builder,
        Action<DfmSettings, DfmExtensionPoints>? optionsBuilder = null) => builder;

    public static IHostBuilder UseDurableFunctionsMonitor(this IHostBuilder hostBuilder,
        Action<DfmSettings, DfmExtensionPoints>? optionsBuilder = null) => hostBuilder;
}
