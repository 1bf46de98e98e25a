using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Scheduling;

namespace Workflow.Functions.Scheduling;

/// <summary>
/// The schedule tick: the embedded host's scheduler code (<see cref="ScheduleTicker"/>) on a timer trigger. Its
/// starts go through the Durable-backed service, whose start checks for the instance first and then schedules
/// <c>PipelineRun</c> with instance id = run id, so a tick that fires twice starts nothing twice.
/// </summary>
public sealed class ScheduleTickFunction(ScheduleTicker ticker, ILogger<ScheduleTickFunction> logger)
{
    [Function("ScheduleTick")]
    public async Task RunAsync([TimerTrigger("%WORKFLOW_TICK_SCHEDULE%")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var report = await ticker.TickAsync(cancellationToken);
        Log.Tick(logger, report.At, report.Started, report.Skipped, report.Failed);
    }
}
