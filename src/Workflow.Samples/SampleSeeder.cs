using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Model;
using Workflow.Queues;
using Workflow.Services;

namespace Workflow.Samples;

/// <summary>
/// At start, stores each sample pipeline that was never stored (it has no version at all) and gives it its inputs:
/// messages for the small-jobs queue. A sample someone changed or deleted keeps its versions, so it is left as it
/// is; the rule needs no marker file, so it holds across the Azure app's instances too. The warehouse tables are
/// written to the samples folder when it is missing.
/// </summary>
internal sealed class SampleSeeder(
    IServiceScopeFactory scopes,
    WarehouseSource warehouse,
    IOptions<SampleOptions> options,
    ILogger<SampleSeeder> logger) : IHostedService
{
    private const string Actor = "samples";

    /// <summary>The small-jobs messages a new installation starts with.</summary>
    public const int SmallJobMessages = 60;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        warehouse.Seed();
        // The Azure app's service is per invocation (scoped); the embedded one is a singleton either way.
        await using var scope = scopes.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<IWorkflowService>();
        var queue = scope.ServiceProvider.GetRequiredService<IQueueService>();
        foreach (var definition in new[] { WeeklyReport.Define(), SmallJobs.Define() })
        {
            if (await TryStoreAsync(workflow, definition, cancellationToken) && definition.Id == SmallJobs.Id)
            {
                await queue.EnqueueAsync(QueueAddress.Create(SmallJobs.Owner, SmallJobs.Queue), SmallJobInputs(),
                    cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True when this start stored the sample; false when it was stored before, here or elsewhere.</summary>
    private async Task<bool> TryStoreAsync(IWorkflowService workflow, PipelineDefinition definition,
        CancellationToken cancellationToken)
    {
        if ((await workflow.ListPipelineVersionsAsync(definition.Id, cancellationToken)).Count > 0)
        {
            return false;
        }

        try
        {
            await workflow.UpsertPipelineAsync(definition, null, Actor, cancellationToken);
        }
        catch (ServiceException ex) when (ex is ConflictException or VersionConflictException)
        {
            // Two instances starting together: the catalogue lets one create the pipeline; the other lands here.
            Log.SampleStoredElsewhere(logger, definition.Id, ex.Message);
            return false;
        }

        Log.SampleStored(logger, definition.Id);
        return true;
    }

    private static JsonElement[] SmallJobInputs() =>
        [.. Enumerable.Range(1, SmallJobMessages)
            .Select(i => JsonSerializer.SerializeToElement(new { job = i, numbers = new[] { i, i * 2, i * 3 } }))];
}
