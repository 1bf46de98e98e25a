namespace Workflow.Runtime.Handlers.Queue;

/// <summary>
/// Which group owns a pipeline now, so that a <c>queue-drain</c> task drains only its own group's queue. Each host
/// answers from where it keeps definitions.
/// </summary>
public interface IPipelineOwners
{
    /// <summary>The owner group of the pipeline's current version, or null when the pipeline is gone.</summary>
    ValueTask<string?> OwnerGroupAsync(string pipelineId, CancellationToken cancellationToken);
}
