using System.Text.Json;
using System.Text.Json.Serialization;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// The run decider's state: plain data that serializes to JSON (see <see cref="RunJson"/>), so a shell can
/// persist it as a snapshot and replay the remaining events after it. Tasks and map instances live in
/// indexed lists, and each task keeps counters of its parents' outcomes, so one step touches only the
/// tasks an event concerns. Lookup tables and the ready queue are derived from this data and rebuilt
/// after a restore; they are never serialized.
/// </summary>
/// <remarks>
/// <see cref="RunDecider.Decide"/> updates this object in place and returns it: a caller treats the state
/// it passed in as consumed, and keeps a <see cref="RunDecider.Snapshot"/> when it needs the old one.
/// </remarks>
public sealed class RunState
{
    public string RunId { get; set; } = "";
    public PipelineDefinition? Definition { get; set; }
    public JsonElement? Parameters { get; set; }
    public DateTimeOffset LogicalTime { get; set; }

    /// <summary>
    /// Where the run's data interval starts (<see cref="Workflow.Parameters.DataInterval"/>); it ends at the logical
    /// time. Null in a snapshot taken before it was kept, read as the logical time.
    /// </summary>
    public DateTimeOffset? DataIntervalStart { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public RunStatus Status { get; set; } = RunStatus.Queued;
    public DispatchPolicy Dispatch { get; set; } = DispatchPolicy.Simulated;

    /// <summary>Why the run failed before any task ran (an invalid definition), if it did.</summary>
    public string? Error { get; set; }

    /// <summary>The next FIFO sequence number handed to a unit entering the ready queue.</summary>
    public long NextSequence { get; set; }

    /// <summary>Units holding a slot of <see cref="ConcurrencyPolicy.MaxParallelTasks"/>.</summary>
    public int SlotsInUse { get; set; }

    /// <summary>Tasks not yet in a final state; the run completes when this reaches zero.</summary>
    public int UnfinishedTasks { get; set; }

    /// <summary>One entry per task of the definition, in definition order.</summary>
    public List<TaskState> Tasks { get; set; } = [];

    /// <summary>The schedulable units: one per plain task, one per map instance once expanded.</summary>
    public List<UnitState> Units { get; set; } = [];

    /// <summary>
    /// Map instances a rerun keeps, by key <c>id[i]</c>, with their outputs: they count as succeeded when their task
    /// expands instead of running again. Null when there are none.
    /// </summary>
    public Dictionary<string, JsonElement?>? KeptInstances { get; set; }

    [JsonIgnore]
    internal RunIndex? Index { get; set; }

    /// <summary>True once the run reached a final status; later events change nothing.</summary>
    [JsonIgnore]
    public bool IsCompleted => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}
