namespace Workflow.Bench.Capacity;

/// <summary>Virtual time for the schedule tick: the simulation sets the instant, the tick reads it.</summary>
internal sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
