using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Workflow.Functions.Retention;

/// <summary>The retention purge (<see cref="RunRetentionPurger"/>) on a timer trigger.</summary>
public sealed class RetentionPurgeFunction(RunRetentionPurger purger)
{
    [Function("RetentionPurge")]
    public async Task RunAsync([TimerTrigger("%WORKFLOW_PURGE_SCHEDULE%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await purger.PurgeAsync(client, cancellationToken);
}
