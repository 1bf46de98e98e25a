using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Workflow.Engine.Telemetry;

/// <summary>
/// Builds the OTLP meter and tracer providers for the <c>Workflow</c> meter and activity source. The providers
/// are built with <c>Sdk.Create…ProviderBuilder()</c> rather than a hosting extension, and live as long as this
/// object; disposing it flushes what is pending.
/// </summary>
public sealed class OpenTelemetryExport : IDisposable
{
    private OpenTelemetryExport(MeterProvider meters, TracerProvider tracer)
    {
        Meters = meters;
        Tracer = tracer;
    }

    public MeterProvider Meters { get; }
    public TracerProvider Tracer { get; }

    /// <summary>The providers, or null when no endpoint is configured.</summary>
    public static OpenTelemetryExport? Create(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OtlpEndpoint is null)
        {
            return null;
        }

        var grpc = string.Equals(options.OtlpProtocol, "grpc", StringComparison.OrdinalIgnoreCase);
        var resource = ResourceBuilder.CreateDefault().AddService(options.ServiceName);
        var meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(WorkflowTelemetry.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, options, grpc, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds =
                    (int)Math.Max(100, options.MetricExportInterval.TotalMilliseconds);
            })
            .Build();
        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(WorkflowTelemetry.Name)
            .AddOtlpExporter(exporter => Configure(exporter, options, grpc, "v1/traces"))
            .Build();
        return new OpenTelemetryExport(meters, tracer);
    }

    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions options, bool grpc, string path)
    {
        exporter.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;

        // With http/protobuf and an explicit endpoint the exporter posts to the endpoint as given, so add the
        // signal's path the way the OTEL_EXPORTER_OTLP_ENDPOINT convention does.
        exporter.Endpoint = grpc ? options.OtlpEndpoint! : new Uri(options.OtlpEndpoint!, path);
    }

    public void Dispose()
    {
        Meters.Dispose();
        Tracer.Dispose();
    }
}
