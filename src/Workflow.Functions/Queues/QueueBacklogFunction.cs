using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Workflow.Functions.Queues;

/// <summary>
/// The queue backlog check on a timer, as the embedded host's <c>QueueBacklogService</c> runs it on its poll
/// interval: on <c>WORKFLOW_BACKLOG_SCHEDULE</c> (every minute in infra/), on one instance at a time (a timer trigger
/// holds a singleton lock).
/// </summary>
public sealed class QueueBacklogFunction(StorageQueueBacklogCheck check, ILogger<QueueBacklogFunction> logger)
{
    [Function("QueueBacklogCheck")]
    public async Task RunAsync([TimerTrigger("%WORKFLOW_BACKLOG_SCHEDULE%")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var sampled = await check.CheckAsync(cancellationToken);
        Log.BacklogChecked(logger, sampled);
    }
}
