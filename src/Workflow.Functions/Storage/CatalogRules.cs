using Workflow.Services;

namespace Workflow.Functions.Storage;

/// <summary>
/// The version rules of a definitions catalogue, shared by any store that keeps definitions as documents: the
/// first version is 1 (or the one after the last version of a deleted pipeline), each accepted change adds one,
/// and a change must name the version it replaces. Refusals are the exceptions the API turns into answers
/// (<see cref="NotFoundException"/>, <see cref="VersionConflictException"/>, and for a create whose id exists
/// <see cref="PipelineIdTaken"/>'s, as in the embedded host).
/// </summary>
public static class CatalogRules
{
    /// <param name="pipelineId">The pipeline, for messages.</param>
    /// <param name="current">The live head; null when the pipeline does not exist or was deleted.</param>
    /// <param name="expectedVersion">The version the change replaces (If-Match); null for a creation.</param>
    /// <param name="lastStoredVersion">
    /// The highest version ever stored. A deleted pipeline keeps its versions for the runs pinned to them, so
    /// creating it again goes on from there instead of overwriting them.
    /// </param>
    public static int NextVersion(string pipelineId, PipelineRecord? current, int? expectedVersion,
        int lastStoredVersion = 0)
    {
        if (current is null)
        {
            return expectedVersion is > 0
                ? throw new NotFoundException(
                    $"Pipeline '{pipelineId}' does not exist, so version {expectedVersion} cannot be replaced; create it without If-Match.")
                : Math.Max(0, lastStoredVersion) + 1;
        }

        if (expectedVersion is null)
        {
            // A create that lost a race (the API found no pipeline a moment before): the engine's refusal, which
            // names neither the stored version nor its group, since the caller may have no right to see them.
            throw PipelineIdTaken.Refusal(pipelineId);
        }

        if (expectedVersion != current.Version)
        {
            throw new VersionConflictException(
                $"Pipeline '{pipelineId}' is at version {current.Version}, not {expectedVersion}; reload it and apply the change again.");
        }

        return current.Version + 1;
    }
}
