using Workflow.Services;

namespace Workflow.Execution;

/// <summary>
/// What a rerun checks before its plan (<see cref="RerunPlan"/>), the same in both hosts: the run has ended, and the
/// stored version it was pinned to and the one the rerun runs on both still exist.
/// </summary>
public static class RerunVersions
{
    /// <param name="run">The run being rerun.</param>
    /// <param name="version">Which version the rerun runs on.</param>
    /// <param name="getPipeline">The host's stored pipeline lookup: a version, or null for the current one.</param>
    /// <param name="cancellationToken">Stops the lookups.</param>
    /// <exception cref="ConflictException">The run is still active.</exception>
    /// <exception cref="NotFoundException">The pinned version, or with <see cref="RerunVersion.Latest"/> the
    /// pipeline, no longer exists.</exception>
    public static async ValueTask<(PipelineRecord Pinned, PipelineRecord Target)> ResolveAsync(RunRecord run,
        RerunVersion version, Func<string, int?, CancellationToken, ValueTask<PipelineRecord?>> getPipeline,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(getPipeline);
        if (run.Status.IsActive())
        {
            throw new ConflictException(
                $"Run '{run.RunId}' is still {run.Status.ToString().ToLowerInvariant()}. " +
                "Wait for it to finish, or cancel it, before rerunning it.");
        }

        var pinned = await getPipeline(run.PipelineId, run.PipelineVersion, cancellationToken)
                     ?? throw new NotFoundException(
                         $"Version {run.PipelineVersion} of pipeline '{run.PipelineId}' no longer exists.");
        var target = version == RerunVersion.Pinned ? pinned
            : await getPipeline(run.PipelineId, null, cancellationToken)
              ?? throw new NotFoundException($"Pipeline '{run.PipelineId}' no longer exists.");
        return (pinned, target);
    }
}
