using Microsoft.Extensions.Options;
using Workflow.Durable.Sla;
using Workflow.Functions.Activities;
using Workflow.Functions.Alerts;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;
using Workflow.Sla;
using Workflow.Sla.Backlog;

namespace Workflow.Functions.Queues;

/// <summary>
/// The embedded host's backlog check on Storage queues: samples every queue that a queue-drain task of an enabled
/// pipeline drains (<see cref="WatchedQueues"/>), records depth and oldest age as metrics, runs the backlog decider
/// (<see cref="QueueBacklogMonitor"/>) over the state kept in <see cref="BlobBacklogStates"/>, and raises or clears
/// the alert the same way the SLA monitor's alerts leave (<see cref="PublishActivities"/>: log, metric, the alerts
/// table and webhooks). It reads only the pipelines that drain queues (<see cref="IDrainingPipelines"/>: the
/// catalogue's drain marks), not every pipeline. Publishing comes before the state is saved: raising and clearing are idempotent, so a check
/// that stops in between repeats the alert's publication, never loses it.
/// </summary>
public sealed class StorageQueueBacklogCheck(BlobPipelineCatalog catalog, StorageWorkQueue queues,
    BlobBacklogStates states, PublishActivities publish, OrchestrationMetrics metrics, IOptions<AlertsOptions> options,
    TimeProvider time)
{
    /// <returns>How many queues were sampled.</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var sampled = 0;
        var rescan = new MarkRescan(options.Value.UnmarkedDrainsRescan, time);
        foreach (var definition in await catalog.ListDrainingAsync(rescan, cancellationToken))
        {
            foreach (var (queue, thresholds) in WatchedQueues.Of(definition, options.Value.DefaultBacklog))
            {
                var status = await queues.GetStatusAsync(queue, cancellationToken);
                metrics.RecordQueueBacklog(status);
                sampled++;
                var (prior, etag) = await states.ReadAsync(definition.Id, queue.Name, cancellationToken);
                var subject = new BacklogSubject(definition.Id, definition.OwnerGroup, queue.Name, thresholds);
                var (state, commands) = QueueBacklogMonitor.Decide(prior, subject,
                    new QueueSample(time.GetUtcNow(), status.Depth, status.OldestAge));
                foreach (var command in commands)
                {
                    await PublishAsync(command, cancellationToken);
                }

                if (state != prior)
                {
                    // False when another instance checked this queue at the same time; its state stands.
                    await states.TryWriteAsync(definition.Id, queue.Name, state, etag, cancellationToken);
                }
            }
        }

        return sampled;
    }

    private Task<bool> PublishAsync(SlaCommand command, CancellationToken cancellationToken) => command switch
    {
        RaiseAlert r => publish.PublishAsync(new AlertInput(Raised: r.Alert), null, cancellationToken),
        ClearAlert c => publish.PublishAsync(AlertInput.Of(c), null, cancellationToken),
        _ => Task.FromResult(false),
    };
}
