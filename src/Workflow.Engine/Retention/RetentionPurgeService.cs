using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workflow.Engine.Retention;

/// <summary>Runs the retention purge at start-up and then every <see cref="EngineOptions.PurgeInterval"/>.</summary>
internal sealed class RetentionPurgeService(RetentionPurger purger, IOptions<EngineOptions> options, TimeProvider time,
    ILogger<RetentionPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await purger.PurgeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.PurgeFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.PurgeInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
