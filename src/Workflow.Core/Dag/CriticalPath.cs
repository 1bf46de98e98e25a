namespace Workflow.Dag;

/// <summary>
/// The chain of tasks that bounds how fast a run can finish, whatever the parallelism, with its length: the sum
/// of the durations along it. SLA prediction uses the remaining critical path.
/// </summary>
public sealed record CriticalPath(IReadOnlyList<string> TaskIds, TimeSpan Length);
