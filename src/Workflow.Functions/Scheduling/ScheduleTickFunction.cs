using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Workflow.Functions.Services;
using Workflow.Runtime.Scheduling;

namespace Workflow.Functions.Scheduling;

/// <summary>
/// The schedule tick: the embedded host's scheduler code (<see cref="ScheduleTicker"/>) on a timer trigger. Its
/// starts go through the Durable-backed service, whose start checks for the instance first and then schedules
/// <c>PipelineRun</c> with instance id = run id, so a tick that fires twice starts nothing twice.
/// </summary>
public sealed class ScheduleTickFunction(ScheduleTicker ticker, DurableClientHolder durable,
    ILogger<ScheduleTickFunction> logger)
{
    [Function("ScheduleTick")]
    public async Task RunAsync([TimerTrigger("%WORKFLOW_TICK_SCHEDULE%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        durable.Client = client;
        var report = await ticker.TickAsync(cancellationToken);
        Log.Tick(logger, report.At, report.Started, report.Skipped, report.Failed);
    }
}
