namespace Workflow.Runtime.Scheduling;

/// <summary>
/// Where each schedule's watermark (the last occurrence it has dealt with) is kept. Advances are compare-and-set,
/// so two hosts ticking on the same data never both move one watermark from the same value.
/// </summary>
public interface IWatermarkStore
{
    ValueTask<IReadOnlyDictionary<(string PipelineId, string ScheduleKey), DateTimeOffset>> LoadAsync(
        CancellationToken cancellationToken);

    /// <summary>
    /// Moves a watermark from <paramref name="expected"/> (null: none stored yet) to <paramref name="next"/>;
    /// false when another tick moved it first.
    /// </summary>
    ValueTask<bool> TryAdvanceAsync(string pipelineId, string scheduleKey, DateTimeOffset? expected,
        DateTimeOffset next, CancellationToken cancellationToken);
}
