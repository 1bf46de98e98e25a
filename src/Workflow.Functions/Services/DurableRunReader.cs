using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Durable;
using Workflow.Functions.Storage;
using Workflow.Services;

namespace Workflow.Functions.Services;

/// <summary>
/// What <see cref="DurableWorkflowService"/> reads about runs: one run orchestration instance as a run record (with
/// its pipeline and outcome), a run's detail with its attempts and child runs, a page of runs, an attempt's log.
/// </summary>
internal sealed class DurableRunReader(DurableClientHolder durable, BlobPipelineCatalog catalog, AttemptStore attempts)
{
    /// <summary>Bounds the work of one listing call when the filter matches little.</summary>
    private const int MaxDurablePagesPerCall = 20;

    private DurableTaskClient Client => durable.Client;

    /// <summary>The run orchestration with this instance id; null when there is none.</summary>
    public ValueTask<RunRead?> ReadAsync(string instanceId, CancellationToken cancellationToken) =>
        ReadAsync(Client, catalog, instanceId, cancellationToken);

    /// <summary>
    /// The same read for a caller that holds a client of its own (an activity, which has no
    /// <see cref="DurableClientHolder"/>).
    /// </summary>
    public static async ValueTask<RunRead?> ReadAsync(DurableTaskClient client, BlobPipelineCatalog catalog,
        string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || metadata.Name != OrchestrationNames.PipelineRun)
        {
            return null;
        }

        var view = InstanceViews.From(metadata);
        var pinned = await PinnedDefinitions.ReadAsync(catalog, view, cancellationToken);
        var record = RunRecords.From(view, pinned.Record);
        if (record.OwnerGroup.Length == 0 && pinned.OwnerGroup is { } group)
        {
            record = record with { OwnerGroup = group };
        }

        return new RunRead(record, pinned, view.Output, view.Progress);
    }

    public async ValueTask<RunDetail?> DetailAsync(string runId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(InstanceIds.For(runId), cancellationToken) is not { } run)
        {
            return null;
        }

        var definition = run.Pinned.Definition;
        var list = await attempts.ListAsync(runId, null, cancellationToken);
        var deciderTasks = run.Progress?.DeciderTaskStatuses(definition);
        var tasks = TaskRecords.Build(definition, list, run.Record.Status, run.Outcome?.TaskEnds, deciderTasks);
        return new RunDetail(run.Record, tasks, await ChildrenAsync(runId, cancellationToken),
            RunNotices.Of(run.Pinned, run.Progress, run.Record.Status));
    }

    public async ValueTask<Workflow.Services.Page<RunRecord>> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        var filter = new OrchestrationQuery(
            CreatedFrom: query.From,
            CreatedTo: query.To,
            InstanceIdPrefix: query.PipelineId is { } p ? InstanceIds.PrefixFor(p + "@") : null,
            PageSize: Math.Clamp(query.Limit, 1, 500),
            FetchInputsAndOutputs: true,
            ContinuationToken: query.ContinuationToken);
        // Durable filters by instance id prefix and creation time. The prefix also matches child runs (their ids start
        // with the parent's) and, for long ids, other pipelines sharing the kept start; so the pipeline, status and
        // group are filtered here, and several Durable pages may make one API page. Durable's continuation token
        // becomes the API's.
        var (items, token) = await FilteredPages.FillAsync(
            DurablePages(filter, query.ContinuationToken),
            r => (query.PipelineId is null || r.PipelineId == query.PipelineId)
                 && (query.Status is null || r.Status == query.Status)
                 && (query.OwnerGroups is null || query.OwnerGroups.Contains(r.OwnerGroup)),
            filter.PageSize, MaxDurablePagesPerCall, cancellationToken);
        return new Workflow.Services.Page<RunRecord>(items, token);
    }

    public async ValueTask<LogChunk?> LogAsync(string runId, string taskKey, int attempt, LogRange range,
        CancellationToken cancellationToken)
    {
        var records = await attempts.ListAsync(runId, taskKey, cancellationToken);
        var record = records.FirstOrDefault(r => r.Attempt == attempt);
        var chunk = await attempts.ReadAsync(runId, taskKey, attempt, range, record?.FinishedAt is not null,
            cancellationToken);
        // A missing blob of an attempt that wrote bytes was removed (with its run, or by the lifecycle rule), not
        // empty; otherwise no such log, a 404.
        return chunk is null && record is not null && RemovedLogs.WasWritten(record)
            ? throw RemovedLogs.BlobGone(record)
            : chunk;
    }

    private async IAsyncEnumerable<(IReadOnlyList<RunRecord> Items, string? ContinuationToken)> DurablePages(
        OrchestrationQuery filter, string? continuationToken,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in Client.GetAllInstancesAsync(filter).AsPages(continuationToken)
                           .WithCancellation(cancellationToken))
        {
            yield return (page.Values
                .Where(m => m.Name == OrchestrationNames.PipelineRun)
                .Select(m => RunRecords.From(InstanceViews.From(m), null))
                .ToList(), page.ContinuationToken);
        }
    }

    /// <summary>
    /// The child runs a run started: sub-orchestrations whose run ids start with <c>{runId}/</c>, found by instance id
    /// prefix and kept when their parent is this run (a grandchild's id starts the same way).
    /// </summary>
    private async ValueTask<IReadOnlyList<RunRecord>> ChildrenAsync(string runId, CancellationToken cancellationToken)
    {
        var filter = new OrchestrationQuery(InstanceIdPrefix: InstanceIds.PrefixFor(runId + "/"),
            FetchInputsAndOutputs: true);
        var children = new List<RunRecord>();
        await foreach (var m in Client.GetAllInstancesAsync(filter).WithCancellation(cancellationToken))
        {
            if (m.Name == OrchestrationNames.PipelineRun && RunRecords.From(InstanceViews.From(m), null) is { } child
                && child.ParentRunId == runId)
            {
                children.Add(child);
            }
        }

        return children.OrderBy(c => c.CreatedAt).ThenBy(c => c.RunId, StringComparer.Ordinal).ToList();
    }
}
