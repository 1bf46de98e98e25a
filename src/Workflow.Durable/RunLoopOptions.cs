namespace Workflow.Durable;

/// <summary>Settings of the run orchestration loop, bound from configuration by the Functions app.</summary>
public sealed class RunLoopOptions
{
    /// <summary>
    /// After this many decider events in one generation the loop stops dispatching new work, lets what is in
    /// flight finish, and continues as new from a snapshot. This bounds the replayed history of a large run.
    /// Zero or less never continues as new.
    /// </summary>
    public int MaxEventsPerGeneration { get; set; } = 500;
}
