using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Workflow.Engine.Telemetry;

/// <summary>Owns the OTLP providers for the host's lifetime; stopping flushes and disposes them.</summary>
internal sealed class TelemetryExportService(IOptions<TelemetryOptions> options, ILogger<TelemetryExportService> logger)
    : IHostedService, IDisposable
{
    private OpenTelemetryExport? _export;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _export = OpenTelemetryExport.Create(options.Value);
        if (_export is not null)
        {
            Log.OtlpExporting(logger, options.Value.OtlpProtocol, options.Value.OtlpEndpoint!);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _export?.Meters.ForceFlush(5000);
        _export?.Tracer.ForceFlush(5000);
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _export?.Dispose();
        _export = null;
    }
}
