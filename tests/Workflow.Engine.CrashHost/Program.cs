using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Engine;
using Workflow.Engine.Alerts;
using Workflow.Engine.CrashHost;
using Workflow.Engine.Services;
using Workflow.Runtime.Handlers;
using Workflow.Services;

// A real host for the crash test: runs the 200-task pipeline to completion on the data directory it is given,
// resuming whatever an earlier (killed) life left. Each task appends its idempotency key to a side-effect file
// before it reports success. Usage: Workflow.Engine.CrashHost <dataDirectory> <sideEffectFile> [suspend|resume]
// (the suspend crash test's lives, see SuspendLives).
if (args.Length is not (2 or 3))
{
    Console.Error.WriteLine("usage: Workflow.Engine.CrashHost <dataDirectory> <sideEffectFile> [suspend|resume]");
    return 2;
}

var (dataDirectory, sideEffects) = (args[0], args[1]);
var appendLock = new Lock();
var services = new ServiceCollection();
services.AddLogging();
services.AddWorkflowEngine(o => o.DataDirectory = dataDirectory);
services.AddWorkflowAlerts();
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
await workflow.UpsertPipelineAsync(CrashPipeline.Define(), null, "crash-host", CancellationToken.None);
await workflow.StartRunAsync(new StartRunRequest(CrashPipeline.Id, RunTrigger.Api, "crash-host", RunId: CrashPipeline.RunId),
    CancellationToken.None);
Console.WriteLine("running");
if (args.Length == 3)
{
    await (args[2] == "suspend" ? SuspendLives.SuspendAsync(workflow) : SuspendLives.ResumeAsync(workflow));
}

var status = await workflow.WaitForRunAsync(CrashPipeline.RunId, CancellationToken.None);
Console.WriteLine($"finished {status}");
foreach (var service in Enumerable.Reverse(hosted))
{
    await service.StopAsync(CancellationToken.None);
}

return status == Workflow.Execution.RunStatus.Succeeded ? 0 : 1;
