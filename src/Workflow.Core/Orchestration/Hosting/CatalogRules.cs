using Workflow.Services;

namespace Workflow.Orchestration.Hosting;

/// <summary>
/// The version rules of a definitions catalogue, shared by any store that keeps definitions as documents: the
/// first version is 1, each accepted change adds one, and a change must name the version it replaces. Refusals
/// are the exceptions the API turns into answers (<see cref="KeyNotFoundException"/> is 404,
/// <see cref="InvalidOperationException"/> is 409).
/// </summary>
public static class CatalogRules
{
    public static int NextVersion(string pipelineId, PipelineRecord? current, int? expectedVersion)
    {
        if (current is null)
        {
            return expectedVersion is > 0
                ? throw new KeyNotFoundException(
                    $"Pipeline '{pipelineId}' does not exist, so version {expectedVersion} cannot be replaced; create it without If-Match.")
                : 1;
        }

        if (expectedVersion is null)
        {
            throw new InvalidOperationException(
                $"Pipeline '{pipelineId}' already exists at version {current.Version}; send If-Match: \"v{current.Version}\" to change it.");
        }

        if (expectedVersion != current.Version)
        {
            throw new InvalidOperationException(
                $"Pipeline '{pipelineId}' is at version {current.Version}, not {expectedVersion}; reload it and apply the change again.");
        }

        return current.Version + 1;
    }
}
