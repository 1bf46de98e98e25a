// Signature shim, not an implementation: OpenTelemetry.OpenTelemetryBuilder (OpenTelemetry.Extensions.Hosting).
// Transcribed from open-telemetry/opentelemetry-dotnet src/OpenTelemetry.Extensions.Hosting/.publicApi/Stable/
// PublicAPI.Shipped.txt (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenTelemetry;

public sealed class OpenTelemetryBuilder : IOpenTelemetryBuilder
{
    private OpenTelemetryBuilder()
    {
    }

    public IServiceCollection Services => throw new NotSupportedException();

    public OpenTelemetryBuilder WithMetrics(Action<MeterProviderBuilder> configure) => throw new NotSupportedException();

    public OpenTelemetryBuilder WithTracing(Action<TracerProviderBuilder> configure) => throw new NotSupportedException();
}
