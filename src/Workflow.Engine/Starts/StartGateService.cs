using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Services;

namespace Workflow.Engine.Starts;

/// <summary>
/// Runs the start gate at start-up (so what waited before a restart goes on), whenever a run ends or a start is
/// queued, and every <see cref="BackfillOptions.PollInterval"/> on the injected clock.
/// </summary>
internal sealed class StartGateService(StartGate gate, StartGateSignal signal, TimeProvider time,
    IOptions<BackfillOptions> options, ILogger<StartGateService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await gate.PassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StartGateFailed(logger, ex);
            }

            await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
        }
    }
}
