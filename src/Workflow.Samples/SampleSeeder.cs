using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflow.Host.Hosting;
using Workflow.Queues;
using Workflow.Services;

namespace Workflow.Host.Samples;

/// <summary>
/// At start, stores the sample pipelines that are not stored yet and gives them their inputs: table files for the
/// warehouse sync and messages for the small-jobs queue. A sample someone changed or deleted is left as it is.
/// </summary>
internal sealed class SampleSeeder(
    IWorkflowService workflow,
    IQueueService queue,
    WarehouseSource warehouse,
    SampleFolders folders,
    ILogger<SampleSeeder> logger) : IHostedService
{
    private const string Actor = "samples";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!folders.Enabled)
        {
            return;
        }

        warehouse.Seed();
        Directory.CreateDirectory(folders.Work);
        var marker = Path.Combine(folders.Root, ".samples-seeded");
        if (File.Exists(marker))
        {
            return;
        }

        foreach (var definition in new[] { WeeklyReport.Define(folders.Work), SmallJobs.Define() })
        {
            if (await workflow.GetPipelineAsync(definition.Id, null, cancellationToken) is null)
            {
                await workflow.UpsertPipelineAsync(definition, null, Actor, cancellationToken);
                Log.SampleStored(logger, definition.Id);
            }
        }

        for (var i = 1; i <= 60; i++)
        {
            var body = JsonSerializer.SerializeToElement(new { job = i, numbers = new[] { i, i * 2, i * 3 } });
            await queue.EnqueueAsync(QueueAddress.Create(SmallJobs.Owner, SmallJobs.Queue), [body], cancellationToken);
        }

        await File.WriteAllTextAsync(marker, "The sample pipelines and their inputs were stored.\n", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where the samples keep their files, under the data directory, and whether samples are on.</summary>
internal sealed class SampleFolders(WorkflowHostOptions options)
{
    public bool Enabled => options.Samples;

    public string Root => options.FullDataDirectory;

    public string Work => Path.Combine(Root, "samples");
}
