using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Runtime.Scheduling;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// The embedded host's scheduler: ticks every <see cref="SchedulerOptions.TickInterval"/> on the injected clock.
/// A failed tick is logged and the next one tries again; nothing is lost, since watermarks only move after a start.
/// </summary>
public sealed class SchedulerService(
    ScheduleTicker ticker,
    TimeProvider time,
    IOptions<SchedulerOptions> options,
    ILogger<SchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        do
        {
            try
            {
                await ticker.TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.TickFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
