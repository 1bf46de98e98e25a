using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Sub-pipeline tasks: a child run is created in its parent's transaction (or the parent hears at once that it could
/// not be), with the dispatch keys its parent's start planned off the writer (<see cref="ChildPlans"/>), and a
/// sub-pipeline task that is stopped cancels its child.
/// </summary>
internal static class ChildRuns
{
    public static void Start(WriteContext context, ActiveRun parent, StartChildRun child)
    {
        if (context.Engine.Runs.ContainsKey(child.ChildRunId) || RunRows.Exists(context, child.ChildRunId))
        {
            return;
        }

        var definition = PipelineRows.Current(context.ReadConnection, null, child.PipelineId);
        var parentGroup = parent.Definition.OwnerGroup;
        if (definition is null || !ChildPipelineAccess.Allows(parentGroup, definition.OwnerGroup))
        {
            if (definition is null)
            {
                Log.ChildPipelineMissing(context.Engine.Logger, parent.RunId, child.PipelineId);
            }
            else
            {
                Log.ChildPipelineRefused(context.Engine.Logger, parent.RunId, child.PipelineId, definition.OwnerGroup,
                    parentGroup);
            }

            Fail(context, parent, child, ChildPipelineAccess.Refusal(child.PipelineId, parentGroup));
            return;
        }

        var parameters = Parameters.RunParameters.Resolve(definition, child.Parameters);
        if (!parameters.IsValid)
        {
            Log.ChildParametersRefused(context.Engine.Logger, parent.RunId, child.PipelineId,
                string.Join(" ", parameters.Errors));
            Fail(context, parent, child, null);
            return;
        }

        RunShell.Create(context, new RunCreation(child.ChildRunId, definition, RunTrigger.Parent, parent.RunId,
            parameters.Values, parent.LogicalTime, ParentRunId: parent.RunId, ParentTaskKey: child.TaskKey,
            ParentAttempt: child.Attempt, DispatchKeys: context.Engine.ChildPlans.For(definition)));
    }

    /// <summary>
    /// The parent hears at once that its child did not start (and why, when it may know); no run is created.
    /// </summary>
    private static void Fail(WriteContext context, ActiveRun parent, StartChildRun child, string? error) =>
        context.FollowUp(new RelayedEventOp(parent.RunId, new ChildRunCompleted(context.Now, child.TaskKey,
            child.Attempt, child.ChildRunId, RunStatus.Failed, null, error)));

    /// <summary>A sub-pipeline task that is stopped (its run cancelled, or its timeout) cancels its child run.</summary>
    public static void Cancel(WriteContext context, ActiveRun run, CancelTask cancel)
    {
        var childId = ChildRunIds.For(run.RunId, cancel.TaskKey, cancel.Attempt);
        if (context.Engine.Runs.ContainsKey(childId))
        {
            context.FollowUp(new RelayedEventOp(childId, new CancelRequested(context.Now, null,
                $"The parent run '{run.RunId}' stopped task '{cancel.TaskKey}'.")));
        }
    }
}
