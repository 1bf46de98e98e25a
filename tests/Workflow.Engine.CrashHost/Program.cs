using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Engine;
using Workflow.Engine.Alerts;
using Workflow.Engine.CrashHost;
using Workflow.Engine.Runtime;
using Workflow.Engine.Services;
using Workflow.Runtime.Handlers;
using Workflow.Services;

// A real host for the crash tests: runs the 200-task pipeline to completion on the data directory it is given,
// resuming whatever an earlier (killed) life left. Each task appends its idempotency key to a side-effect file
// before it reports success. With notify-kill it runs NotifyKill's pipeline instead, and kills itself once when
// the retry is notified; with suspend or resume it is one of the suspend crash test's lives (see SuspendLives).
// Usage: Workflow.Engine.CrashHost <dataDirectory> <sideEffectFile> [notify-kill|suspend|resume]
string[] modes = [NotifyKill.Flag, "suspend", "resume"];
if (args.Length is not (2 or 3) || (args.Length == 3 && !modes.Contains(args[2])))
{
    Console.Error.WriteLine($"usage: Workflow.Engine.CrashHost <dataDirectory> <sideEffectFile> [{string.Join('|', modes)}]");
    return 2;
}

var (dataDirectory, sideEffects) = (args[0], args[1]);
var mode = args.Length == 3 ? args[2] : null;
var notifyKill = mode == NotifyKill.Flag;
var (pipeline, runId) = notifyKill ? (NotifyKill.Define(), NotifyKill.RunId) : (CrashPipeline.Define(), CrashPipeline.RunId);
var appendLock = new Lock();
var services = new ServiceCollection();
services.AddLogging();
services.AddWorkflowEngine(o => o.DataDirectory = dataDirectory);
if (notifyKill)
{
    // Ahead of the SLA monitor: observers hear each observation in the order they were registered.
    services.AddSingleton<IRunObserver>(new NotifyKill.Killer(dataDirectory));
}

services.AddWorkflowAlerts();
services.AddCodeHandler("fail-first", async (context, _, cancellationToken) =>
{
    // Long enough for the monitor's first save, so the restart restores a saved monitor rather than a new one.
    await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
    return context.Attempt == 1 ? throw new InvalidOperationException("The first attempt fails.") : null;
});
services.AddCodeHandler("work", async (context, taskArgs, cancellationToken) =>
{
    await Task.Delay(taskArgs!.Value.GetProperty("ms").GetInt32(), cancellationToken);
    lock (appendLock)
    {
        File.AppendAllText(sideEffects, context.IdempotencyKey + "\n");
    }

    return JsonSerializer.SerializeToElement(context.IdempotencyKey);
});

await using var provider = services.BuildServiceProvider();
var hosted = provider.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

var workflow = provider.GetRequiredService<WorkflowEngineService>();
await workflow.UpsertPipelineAsync(pipeline, null, "crash-host", CancellationToken.None);
await workflow.StartRunAsync(new StartRunRequest(pipeline.Id, RunTrigger.Api, "crash-host", RunId: runId),
    CancellationToken.None);
Console.WriteLine("running");
if (mode is "suspend" or "resume")
{
    await (mode == "suspend" ? SuspendLives.SuspendAsync(workflow) : SuspendLives.ResumeAsync(workflow));
}

var status = await workflow.WaitForRunAsync(runId, CancellationToken.None);
Console.WriteLine($"finished {status}");

// The SLA monitor hears of the end after the run's commit; give it the moment it needs to finish before stopping,
// so a finished run's alerts are all settled when the host exits. The run's notifications (its end among them)
// stay stored until its monitor has completed.
var monitors = provider.GetRequiredService<SlaMonitorStore>();
using var settle = new CancellationTokenSource(TimeSpan.FromSeconds(60));
while ((await monitors.NotificationsAsync(runId, settle.Token)).Count > 0)
{
    await Task.Delay(50, settle.Token);
}

foreach (var service in Enumerable.Reverse(hosted))
{
    await service.StopAsync(CancellationToken.None);
}

return status == Workflow.Execution.RunStatus.Succeeded ? 0 : 1;
