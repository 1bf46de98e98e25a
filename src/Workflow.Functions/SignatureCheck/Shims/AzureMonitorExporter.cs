// Signature shim, not an implementation: Azure.Monitor.OpenTelemetry.Exporter (api/Azure.Monitor.OpenTelemetry.Exporter.net10.0.cs).
// Transcribed from Azure/azure-sdk-for-net (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Azure.Core;
using OpenTelemetry;

namespace Azure.Monitor.OpenTelemetry.Exporter;

public class AzureMonitorExporterOptions
{
    public string? ConnectionString { get; set; }
    public TokenCredential? Credential { get; set; }
    public float SamplingRatio { get; set; }
    public double? TracesPerSecond { get; set; }
}

public static class OpenTelemetryBuilderExtensions
{
    public static IOpenTelemetryBuilder UseAzureMonitorExporter(this IOpenTelemetryBuilder builder) => builder;

    public static IOpenTelemetryBuilder UseAzureMonitorExporter(this IOpenTelemetryBuilder builder,
        Action<AzureMonitorExporterOptions> configureAzureMonitor) => builder;
}
