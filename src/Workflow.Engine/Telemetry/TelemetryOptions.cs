namespace Workflow.Engine.Telemetry;

/// <summary>Where OpenTelemetry data goes. Without an endpoint nothing is exported; metrics are still recorded.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The OTLP collector, for example <c>http://127.0.0.1:4318</c> (http/protobuf) or <c>:4317</c> (grpc).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> (the default) or <c>grpc</c>.</summary>
    public string OtlpProtocol { get; set; } = "http/protobuf";

    public string ServiceName { get; set; } = "workflow";

    /// <summary>How often metrics are pushed to the collector.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(30);
}
