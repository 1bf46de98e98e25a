using Workflow.Services;

namespace Workflow.Runtime.Scheduling;

/// <summary>
/// A next-due index of schedules for <see cref="ScheduleTicker"/>: the embedded host keeps one in its store
/// (<c>ScheduleDueIndex</c>); the Azure app has none, and its tick looks at every pipeline.
/// </summary>
public interface IScheduleDueIndex
{
    /// <summary>Indexes the schedules saved before the index existed, once; later calls return at once.</summary>
    Task EnsureBuiltAsync(IWorkflowService workflow, CancellationToken cancellationToken);

    /// <summary>The schedules due at <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DueSchedule>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Moves fired rows on to their next occurrence, or drops them when the schedule fires no more.</summary>
    Task MoveOnAsync(IReadOnlyList<(DueSchedule Row, DateTimeOffset? Next)> moves, CancellationToken cancellationToken);
}
