using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Durable;
using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Functions.Services;

/// <summary>Listing runs, rerunning failed ones, and reading one instance into a run record.</summary>
public sealed partial class DurableWorkflowService
{
    public async ValueTask<Workflow.Services.Page<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
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

    /// <summary>Bounds the work of one listing call when the filter matches little.</summary>
    private const int MaxDurablePagesPerCall = 20;

    private async IAsyncEnumerable<(IReadOnlyList<RunRecord> Items, string? ContinuationToken)> DurablePages(
        OrchestrationQuery filter, string? continuationToken,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in Client.GetAllInstancesAsync(filter).AsPages(continuationToken)
                           .WithCancellation(cancellationToken))
        {
            yield return (page.Values
                .Where(m => m.Name == OrchestrationNames.PipelineRun)
                .Select(m => RunRecords.From(View(m), null))
                .ToList(), page.ContinuationToken);
        }
    }

    /// <summary>
    /// A new run that keeps what the run's outcome says it kept (<see cref="RunOutcome.Kept"/>) on the pinned or the
    /// current version (checked by <see cref="RerunPlan"/>). An instance that ended without an outcome (it faulted
    /// or was terminated outside the API) kept nothing, so everything runs again.
    /// </summary>
    public ValueTask<RunRecord> RerunFailedAsync(string runId, RerunVersion version, string actor,
        CancellationToken cancellationToken) => RerunAsync(runId, null, version, cancellationToken);

    /// <summary>As <see cref="RerunFailedAsync"/>, without the chosen task and what is downstream of it
    /// (<see cref="RerunFrom"/>).</summary>
    public ValueTask<RunRecord> RerunFromTaskAsync(string runId, string fromTask, RerunVersion version, string actor,
        CancellationToken cancellationToken) => RerunAsync(runId, fromTask, version, cancellationToken);

    private async ValueTask<RunRecord> RerunAsync(string runId, string? fromTask, RerunVersion version,
        CancellationToken cancellationToken)
    {
        var run = await ReadAsync(InstanceIds.For(runId), cancellationToken)
            ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        if (run.Record.Status.IsActive())
        {
            throw new ConflictException(
                $"Run '{runId}' is still {run.Record.Status.ToString().ToLowerInvariant()}. " +
                "Wait for it to finish, or cancel it, before rerunning it.");
        }

        var pipelineId = run.Record.PipelineId;
        var pinned = await catalog.GetAsync(pipelineId, run.Record.PipelineVersion, cancellationToken)
            ?? throw new NotFoundException(
                $"Version {run.Record.PipelineVersion} of pipeline '{pipelineId}' no longer exists.");
        var target = version == RerunVersion.Pinned ? pinned
            : await catalog.GetAsync(pipelineId, null, cancellationToken)
              ?? throw new NotFoundException($"Pipeline '{pipelineId}' no longer exists.");
        var kept = run.Outcome?.Kept ?? new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        var prior = RerunPlan.For(runId, kept, pinned, target, fromTask);
        var newRunId = global::Workflow.Scheduling.RunIds.NewManual(pipelineId, time.GetUtcNow());
        var input = PipelineRunInput.FromRequest(new RunRequest(newRunId, pipelineId, RunTrigger.Rerun,
            run.Record.LogicalTime, run.Record.Parameters, null, prior, target.Version));
        await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.PipelineRun, input,
            new StartOrchestrationOptions(InstanceIds.For(newRunId)), cancellationToken);
        var now = time.GetUtcNow();
        var view = new RunInstanceView(InstanceIds.For(newRunId), "Pending", now, now, input, null, null);
        return RunRecords.From(view, target) with { RerunOf = runId };
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
            if (m.Name == OrchestrationNames.PipelineRun && RunRecords.From(View(m), null) is { } child
                && child.ParentRunId == runId)
            {
                children.Add(child);
            }
        }

        return children.OrderBy(c => c.CreatedAt).ThenBy(c => c.RunId, StringComparer.Ordinal).ToList();
    }

    private async ValueTask<(RunRecord Record, PipelineRecord? Pipeline, RunOutcome? Outcome)?> ReadAsync(
        string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || metadata.Name != OrchestrationNames.PipelineRun)
        {
            return null;
        }

        var view = View(metadata);
        var pipelineId = view.Input?.Request?.PipelineId ?? view.Input?.Snapshot?.PipelineId;
        var pipeline = pipelineId is null ? null : await catalog.GetAsync(pipelineId, null, cancellationToken);
        return (RunRecords.From(view, pipeline), pipeline, view.Output);
    }

    private static RunInstanceView View(OrchestrationMetadata m) => new(
        m.InstanceId,
        m.RuntimeStatus.ToString(),
        m.CreatedAt,
        m.LastUpdatedAt,
        Read<PipelineRunInput>(m.SerializedInput),
        Read<RunProgress>(m.SerializedCustomStatus),
        Read<RunOutcome>(m.SerializedOutput),
        m.FailureDetails?.ErrorMessage);

    /// <summary>
    /// Reads what the task hub stored. In the isolated worker, Durable serializes through the worker's
    /// <c>WorkerOptions.Serializer</c> (System.Text.Json; property names as declared, or camelCase if configured), so
    /// names are matched case-insensitively; the Core records have no public fields, so IncludeFields changes nothing.
    /// </summary>
    private static T? Read<T>(string? json) where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, HubJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions HubJson = new() { IncludeFields = true, PropertyNameCaseInsensitive = true };
}
