using Workflow.Durable;
using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Functions.Services;

/// <summary>
/// Run records of the Azure host, read from Durable's instance state: the input says what was asked for, the
/// custom status says how far it got, the output says how it ended. A continued-as-new instance's input is a
/// snapshot, which still names the run and pipeline.
/// </summary>
public static class RunRecords
{
    /// <param name="view">The run's instance.</param>
    /// <param name="pipeline">The version the run pinned (<see cref="PinnedDefinitions"/>), or null when it is not
    /// known.</param>
    public static RunRecord From(RunInstanceView view, PipelineRecord? pipeline)
    {
        ArgumentNullException.ThrowIfNull(view);
        var input = view.Input;
        var runId = input?.Start?.RunId ?? input?.Request?.RunId ?? input?.Snapshot?.RunId
            ?? view.Output?.RunId ?? view.Progress?.RunId ?? view.InstanceId;
        var pipelineId = input?.Start?.Definition.Id ?? input?.Request?.PipelineId ?? input?.Snapshot?.PipelineId
            ?? pipeline?.Definition.Id ?? "";
        var status = StatusOf(view);
        var finished = status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
        return new RunRecord(
            runId,
            pipelineId,
            PinnedDefinitions.VersionOf(view) ?? pipeline?.Version ?? 0,
            input?.Start?.Definition.OwnerGroup ?? pipeline?.Definition.OwnerGroup ?? "",
            status,
            TriggerOf(input),
            input?.Start?.LogicalTime ?? input?.Request?.LogicalTime ?? view.CreatedAt,
            view.CreatedAt,
            status == RunStatus.Queued ? null : view.CreatedAt,
            finished ? view.LastUpdatedAt : null,
            view.Output?.Summary,
            input?.Start?.Parameters ?? input?.Request?.Parameters,
            ParentRunId: input?.Request?.ParentRunId ?? ChildRunIds.ParentOf(runId));
    }

    /// <summary>The run status: the loop's own outcome when it finished, else what Durable knows.</summary>
    public static RunStatus StatusOf(RunInstanceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.RuntimeStatus switch
        {
            "Completed" => view.Output?.Status ?? RunStatus.Succeeded,
            "Failed" => RunStatus.Failed,
            "Terminated" or "Canceled" => RunStatus.Cancelled,
            "Pending" => RunStatus.Queued,
            "Suspended" => RunStatus.Suspended,
            _ => view.Progress?.Status is { } s && s != RunStatus.Queued ? s : RunStatus.Running,
        };
    }

    /// <summary>The Azure host always starts runs from a request, which records the trigger.</summary>
    private static RunTrigger TriggerOf(PipelineRunInput? input) => input?.Request?.Trigger ?? RunTrigger.Api;
}
