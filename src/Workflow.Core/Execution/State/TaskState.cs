using System.Text.Json;

namespace Workflow.Execution;

/// <summary>
/// One task of a run. The parent counters make trigger rules O(1) per finished parent; a mapped task's
/// instances are the contiguous units <see cref="FirstInstance"/> .. +<see cref="InstanceCount"/>.
/// </summary>
public sealed class TaskState
{
    public string Id { get; set; } = "";
    public TaskStatus Status { get; set; } = TaskStatus.Pending;
    public int Priority { get; set; }

    /// <summary>The dispatch key of the run's policy: upward rank, downstream count, or 0 for FIFO.</summary>
    public double Rank { get; set; }

    public int Parents { get; set; }
    public int ParentsSucceeded { get; set; }
    public int ParentsFailed { get; set; }
    public int ParentsSkipped { get; set; }

    /// <summary>The unit of a plain task; -1 for a mapped task, whose units are its instances.</summary>
    public int Unit { get; set; } = -1;

    public int FirstInstance { get; set; } = -1;
    public int InstanceCount { get; set; }
    public int InstancesFinished { get; set; }
    public int InstancesFailed { get; set; }

    public JsonElement? Output { get; set; }
    public string? ErrorKind { get; set; }
    public string? Error { get; set; }

    internal int ParentsFinished => ParentsSucceeded + ParentsFailed + ParentsSkipped;

    internal bool IsFinal => Status is TaskStatus.Succeeded or TaskStatus.Failed
        or TaskStatus.Skipped or TaskStatus.Cancelled;
}
