using System.Text.Json;

namespace Workflow.Execution;

/// <summary>
/// A schedulable unit: a plain task, or one instance <c>id[i]</c> of a mapped task. It has its own
/// attempts, and at most one pending timer (the attempt's timeout, the retry backoff, or a delay).
/// </summary>
public sealed class UnitState
{
    public string Key { get; set; } = "";
    public int Task { get; set; }

    /// <summary>The map index, or -1 for a plain task.</summary>
    public int Index { get; set; } = -1;

    public TaskStatus Status { get; set; } = TaskStatus.Pending;
    public int Attempt { get; set; }
    public long Sequence { get; set; }

    /// <summary>True while the running attempt holds a slot of the run's parallelism.</summary>
    public bool HoldsSlot { get; set; }

    public string? TimerId { get; set; }
    public TimerPurpose? TimerPurpose { get; set; }
    public string? ChildRunId { get; set; }

    /// <summary>The element of the mapped array this instance works on.</summary>
    public JsonElement? Item { get; set; }

    public JsonElement? Output { get; set; }
    public string? ErrorKind { get; set; }
    public string? Error { get; set; }

    internal bool IsFinal => Status is TaskStatus.Succeeded or TaskStatus.Failed
        or TaskStatus.Skipped or TaskStatus.Cancelled;
}
