using Microsoft.AspNetCore.Http;
using Workflow.Api.Problems;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>
/// A pipeline id stays with one group while runs of it are kept. A run's id is <c>{pipeline}@{instant}</c> and its
/// owner is the group of the version it ran, so a pipeline of the same id in another group would meet those runs: a
/// backfill or schedule tick would find its occurrence "existing" (another group's run, which it may not read) and
/// never run it, and its readers would see the old group's history. Creating an id, or moving a pipeline into a group,
/// is therefore refused (409) while runs of that id owned by another group are kept; retention removes them in time.
/// Both hosts answer through this check, since it reads only <see cref="IWorkflowService"/>.
/// </summary>
internal static class PipelineIdOwnership
{
    private const int PageSize = 500;

    /// <summary>
    /// The refusal of creating <paramref name="pipelineId"/> in <paramref name="group"/>, or null. It says only that
    /// the id is in use, as the refusal of a live id does, and nothing of the group that used it; a live id is left
    /// to the save's own refusal, so that both read the same. An id never stored (no version 1, which deleting keeps)
    /// has no runs, so the common create reads one version row and no runs; a live id reads no runs either.
    /// </summary>
    public static async Task<IResult?> CreateProblemAsync(IWorkflowService workflow, string pipelineId, string group,
        CancellationToken ct) =>
        await workflow.GetPipelineAsync(pipelineId, 1, ct) is not null &&
        await workflow.GetPipelineAsync(pipelineId, null, ct) is null &&
        await OtherGroupKeepsRunsAsync(workflow, pipelineId, group, ct)
            ? ApiProblems.Conflict($"Pipeline id '{pipelineId}' is still in use by the kept runs of an earlier " +
                                   "pipeline with this id, until retention removes them; new runs would clash with " +
                                   "their ids. Choose another id.")
            : null;

    /// <summary>The refusal of moving <paramref name="pipelineId"/> to <paramref name="toGroup"/>, or null.</summary>
    public static async Task<IResult?> MoveProblemAsync(IWorkflowService workflow, string pipelineId, string toGroup,
        CancellationToken ct) =>
        await OtherGroupKeepsRunsAsync(workflow, pipelineId, toGroup, ct)
            ? ApiProblems.Conflict($"Pipeline '{pipelineId}' cannot move to group '{toGroup}' while runs of it owned " +
                                   "by another group are kept (until retention removes them): the runs it would " +
                                   $"start in '{toGroup}' would clash with their ids. Save a copy under another id " +
                                   $"in '{toGroup}' instead.")
            : null;

    private static async Task<bool> OtherGroupKeepsRunsAsync(IWorkflowService workflow, string pipelineId,
        string group, CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await workflow.ListRunsAsync(new RunQuery(PipelineId: pipelineId, ContinuationToken: token,
                Limit: PageSize), ct);
            if (page.Items.Any(r => !string.Equals(r.OwnerGroup, group, StringComparison.Ordinal)))
            {
                return true;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return false;
    }
}
