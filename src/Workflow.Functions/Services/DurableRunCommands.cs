using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Storage;
using Workflow.Parameters;
using Workflow.Services;

namespace Workflow.Functions.Services;

/// <summary>
/// The run commands of <see cref="DurableWorkflowService"/>: start (through the overlap rule), cancel, suspend or
/// resume, and rerun a run orchestration instance. <paramref name="workflow"/> is the service itself, which the
/// overlap rule asks for the pipeline's active runs and cancels them through.
/// </summary>
internal sealed class DurableRunCommands(DurableClientHolder durable, BlobPipelineCatalog catalog, TimeProvider time,
    DurableRunReader reader, IWorkflowService workflow)
{
    private DurableTaskClient Client => durable.Client;

    /// <summary>Looks the instance up first: a run id that exists (running or finished) is returned, not recreated.</summary>
    public async ValueTask<RunRecord> StartAsync(StartRunRequest request, CancellationToken cancellationToken)
    {
        var runId = request.RunId ?? global::Workflow.Scheduling.RunIds.NewManual(request.PipelineId, time.GetUtcNow());
        var instanceId = InstanceIds.For(runId);
        if (await reader.ReadAsync(instanceId, cancellationToken) is { } existing)
        {
            return existing.Record;
        }

        var pipeline = await catalog.GetAsync(request.PipelineId, null, cancellationToken)
            ?? throw new NotFoundException($"Pipeline '{request.PipelineId}' does not exist.");
        var parameters = RunParameters.ResolveOrThrow(pipeline.Definition, request.Parameters);

        if (await Backfills.DurableOverlap.AdmitAsync(workflow, Client, request, pipeline, runId, time.GetUtcNow(),
                cancellationToken) is { } queued)
        {
            return queued;
        }

        // The run is pinned to the version its parameters were checked against; its record reads the version here.
        var input = PipelineRunInput.FromRequest(new RunRequest(runId, request.PipelineId, request.Trigger,
            request.ScheduledAt, parameters, request.ParentRunId,
            PinnedVersion: pipeline.IsDynamic ? null : pipeline.Version));
        await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.PipelineRun, input,
            new StartOrchestrationOptions(instanceId), cancellationToken);
        var now = time.GetUtcNow();
        return RunRecords.From(new RunInstanceView(instanceId, "Pending", now, now, input, null, null), pipeline);
    }

    /// <summary>Raises the cancel event; false when the run does not exist or has ended (its status says so).</summary>
    public async ValueTask<bool> CancelAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken)
    {
        var instanceId = InstanceIds.For(runId);
        var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || metadata.IsCompleted
            || RunRecords.StatusOf(InstanceViews.From(metadata)) is RunStatus.Succeeded or RunStatus.Failed
                or RunStatus.Cancelled)
        {
            return false;
        }

        await Client.RaiseEventAsync(instanceId, OrchestrationNames.CancelEvent,
            new CancelRunRequest(Reason: reason, Actor: actor), cancellationToken);
        return true;
    }

    /// <summary>Durable's own suspend or resume of the instance, by the core's rule (<see cref="RunStatuses"/>).</summary>
    public async ValueTask<bool> ChangeSuspensionAsync(string runId, bool suspend, string reason,
        CancellationToken cancellationToken)
    {
        var instanceId = InstanceIds.For(runId);
        var status = (await reader.ReadAsync(instanceId, cancellationToken))?.Record.Status
                     ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        if (RunStatuses.SuspensionRefusal(runId, status, suspend) is { } refusal)
        {
            throw new ConflictException(refusal);
        }

        if ((status == RunStatus.Suspended) == suspend)
        {
            return false;
        }

        await (suspend
            ? Client.SuspendInstanceAsync(instanceId, reason, cancellationToken)
            : Client.ResumeInstanceAsync(instanceId, reason, cancellationToken));
        return true;
    }

    /// <summary>A new run that keeps what the run's outcome says it kept, or less from a chosen task.</summary>
    public async ValueTask<RunRecord> RerunAsync(string runId, string? fromTask, RerunVersion version,
        CancellationToken cancellationToken)
    {
        var run = await reader.ReadAsync(InstanceIds.For(runId), cancellationToken)
            ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        var (pinned, target) = await RerunVersions.ResolveAsync(run.Record, version, catalog.GetAsync,
            cancellationToken);
        var pipelineId = run.Record.PipelineId;
        var kept = run.Outcome?.Kept ?? new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        var prior = RerunPlan.For(runId, kept, pinned, target, fromTask);
        var newRunId = global::Workflow.Scheduling.RunIds.NewRerun(pipelineId, time.GetUtcNow());
        var input = PipelineRunInput.FromRequest(new RunRequest(newRunId, pipelineId, RunTrigger.Rerun,
            run.Record.LogicalTime, run.Record.Parameters, null, prior, target.Version));
        await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.PipelineRun, input,
            new StartOrchestrationOptions(InstanceIds.For(newRunId)), cancellationToken);
        var now = time.GetUtcNow();
        var view = new RunInstanceView(InstanceIds.For(newRunId), "Pending", now, now, input, null, null);
        return RunRecords.From(view, target) with { RerunOf = runId };
    }
}
