using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Durable;
using Workflow.Functions.Storage;
using Workflow.Model;

namespace Workflow.Functions.Retention;

/// <summary>
/// Purges finished runs past their pipeline's retention (<see cref="RetentionCutoffs"/>, the embedded host's rule):
/// the run's Durable instance with its sub-orchestrations, its SLA monitor, and its attempt records, logs and spilled
/// outputs (its child runs' too), for the catalogue's pipelines and for deleted ones (<see cref="DeletedPipelines"/>).
/// Only Completed, Failed and Terminated instances are asked for, so an active run is never touched. At most
/// <see cref="RetentionOptions.MaxRunsPerPass"/> runs go per pass. Then the duration samples of pipelines the catalogue
/// no longer holds go (a deleted pipeline whose runs still going recorded after the delete), as the embedded host's
/// retention sweep removes a deleted pipeline's rows.
/// </summary>
public sealed class RunRetentionPurger(BlobPipelineCatalog catalog, DeletedPipelines deletedPipelines,
    BlobContainers containers, BlobDurationHistory durations, IOptions<RetentionOptions> options, TimeProvider time,
    ILogger<RunRetentionPurger> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Finished =
    [
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>Purges what is due now and returns the number of runs removed.</summary>
    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        var budget = Math.Max(0, options.Value.MaxRunsPerPass);
        var removed = 0;
        var pipelines = await catalog.ListAsync(cancellationToken);
        var deleted = await deletedPipelines.ListAsync(pipelines.Select(p => p.Definition.Id), cancellationToken);
        foreach (var pipeline in pipelines.Concat(deleted))
        {
            if (removed >= budget)
            {
                break;
            }

            var pipelineId = pipeline.Definition.Id;
            var cutoff = RetentionCutoffs.For(pipeline.Definition.Retention, options.Value.DefaultRetention, now).Runs;
            var query = new OrchestrationQuery(CreatedTo: cutoff, Statuses: Finished,
                InstanceIdPrefix: InstanceIds.PrefixFor(pipelineId + "@"), FetchInputsAndOutputs: true);
            await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                // The prefix also matches child runs and, for long ids, other pipelines: the run's own input decides.
                if (instance.Name != OrchestrationNames.PipelineRun || instance.LastUpdatedAt >= cutoff
                    || RunOf(instance) is not { } run || run.PipelineId != pipelineId)
                {
                    continue;
                }

                await PurgeRunAsync(client, instance.InstanceId, run.RunId, cancellationToken);
                Log.RunPurged(logger, run.RunId, pipelineId, instance.RuntimeStatus.ToString(), instance.LastUpdatedAt);
                if (++removed >= budget)
                {
                    break;
                }
            }
        }

        Log.RetentionPass(logger, now, removed, budget);
        await PurgeDurationsAsync(pipelines.Select(p => p.Definition.Id), cancellationToken);
        return removed;
    }

    /// <summary>
    /// Listed after the catalogue, so a pipeline saved since has no sample yet unless one of its tasks finished in
    /// between; such a sample is lost, which only makes its first estimates default ones.
    /// </summary>
    private async Task PurgeDurationsAsync(IEnumerable<string> live, CancellationToken cancellationToken)
    {
        var kept = live.ToHashSet(StringComparer.Ordinal);
        foreach (var pipelineId in await durations.PipelinesAsync(cancellationToken))
        {
            if (!kept.Contains(pipelineId))
            {
                var tasks = await durations.DeleteAsync(pipelineId, cancellationToken);
                Log.DurationsPurged(logger, pipelineId, tasks);
            }
        }
    }

    private async Task PurgeRunAsync(DurableTaskClient client, string instanceId, string runId,
        CancellationToken cancellationToken)
    {
        // Blobs first: if the pass stops in between, the instance is still there for the next pass to find.
        var own = BlobNames.AttemptPrefix(runId);
        var children = BlobNames.Segment(runId) + "%2F";
        foreach (var prefix in new[] { own, children })
        {
            await foreach (var blob in containers.Logs.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix },
                               cancellationToken))
            {
                await containers.Logs.GetBlobClient(blob.Name).DeleteIfExistsAsync(
                    DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            }
        }

        await client.PurgeInstanceAsync(OrchestrationNames.SlaInstanceId(runId), cancellationToken);
        await client.PurgeInstanceAsync(instanceId, new PurgeInstanceOptions(Recursive: true), cancellationToken);
    }

    private static (string RunId, string PipelineId)? RunOf(OrchestrationMetadata instance)
    {
        var input = instance.ReadInputAs<PipelineRunInput>();
        var runId = input?.Start?.RunId ?? input?.Request?.RunId ?? input?.Snapshot?.RunId;
        var pipelineId = input?.Start?.Definition.Id ?? input?.Request?.PipelineId ?? input?.Snapshot?.PipelineId;
        return runId is null || pipelineId is null ? null : (runId, pipelineId);
    }
}
