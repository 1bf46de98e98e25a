// Signature shim, not an implementation: UseFunctionsWorkerDefaults (Microsoft.Azure.Functions.Worker.OpenTelemetry, ConfigureFunctionsOpenTelemetry.cs).
// Transcribed from Azure/azure-functions-dotnet-worker (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using OpenTelemetry;

namespace Microsoft.Azure.Functions.Worker.OpenTelemetry;

public static class ConfigureFunctionsOpenTelemetry
{
    public static IOpenTelemetryBuilder UseFunctionsWorkerDefaults(this IOpenTelemetryBuilder builder) => builder;
}
