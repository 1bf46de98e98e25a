// Signature shim, not an implementation: AddOpenTelemetry (OpenTelemetry.Extensions.Hosting, .publicApi/Stable/PublicAPI.Shipped.txt).
// Transcribed from open-telemetry/opentelemetry-dotnet (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using OpenTelemetry;

namespace Microsoft.Extensions.DependencyInjection;

public static class OpenTelemetryServicesExtensions
{
    public static OpenTelemetryBuilder AddOpenTelemetry(this IServiceCollection services) =>
        throw new NotSupportedException();
}
