namespace Workflow.Durable.Sla;

/// <summary>Settings of the SLA monitor loop.</summary>
public sealed class SlaLoopOptions
{
    /// <summary>Events per generation before the monitor continues as new; it is always quiescent between events.</summary>
    public int MaxEventsPerGeneration { get; set; } = 200;
}
