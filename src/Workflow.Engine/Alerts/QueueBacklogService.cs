using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Engine.Handlers.Queue;
using Workflow.Engine.Telemetry;
using Workflow.Sla;
using Workflow.Sla.Backlog;

namespace Workflow.Engine.Alerts;

/// <summary>
/// Samples the local queues that queue-drain tasks of enabled pipelines drain, records depth and oldest age as
/// gauges, and runs the backlog decider per (pipeline, queue); which queues, with which limits, is
/// <see cref="WatchedQueues"/>. A poll reads only the pipelines that drain queues (<see cref="IDrainingPipelines"/>:
/// the engine's index, written as pipelines are saved), not every stored pipeline.
/// </summary>
public sealed class QueueBacklogService(IDrainingPipelines draining, LocalQueue queues, AlertDispatcher alerts,
    WorkflowTelemetry telemetry, IOptions<AlertOptions> options, TimeProvider time,
    ILogger<QueueBacklogService> logger) : BackgroundService
{
    private readonly Dictionary<(string Pipeline, string Queue), BacklogState> _states = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Takes one sample of every watched queue and raises or clears alerts.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CheckOnceAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    private async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        var backlog = (await queues.BacklogAsync(cancellationToken)).ToDictionary(b => b.Queue, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var b in backlog.Values)
        {
            var tag = new KeyValuePair<string, object?>("queue", b.Queue);
            telemetry.QueueDepth.Record(b.Depth, tag);
            telemetry.QueueOldestAge.Record(b.OldestAge.TotalSeconds, tag);
        }

        foreach (var definition in await draining.ListDrainingAsync(cancellationToken))
        {
            foreach (var (queue, thresholds) in WatchedQueues.Of(definition, options.Value.DefaultBacklog))
            {
                var sample = backlog.TryGetValue(queue.ToString(), out var b)
                    ? new QueueSample(now, b.Depth, b.OldestAge)
                    : new QueueSample(now, 0, null);
                var key = (definition.Id, queue.Name);
                var subject = new BacklogSubject(definition.Id, definition.OwnerGroup, queue.Name, thresholds);
                var (state, commands) = QueueBacklogMonitor.Decide(_states.GetValueOrDefault(key, BacklogState.Initial),
                    subject, sample);
                _states[key] = state;
                foreach (var command in commands)
                {
                    await (command switch
                    {
                        RaiseAlert r => alerts.RaiseAsync(r.Alert, definition.Sla?.Channels),
                        ClearAlert c => alerts.ClearAsync(c.AlertId, c.At, c.Reason, c.SupersededBy, definition.Sla?.Channels),
                        _ => Task.CompletedTask,
                    });
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.BacklogCheckFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.MonitorPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
