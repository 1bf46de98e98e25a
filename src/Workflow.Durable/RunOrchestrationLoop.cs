namespace Workflow.Durable;

/// <summary>
/// The Durable shell of the run decider, written against <see cref="IOrchestrationPort"/> so it builds and is
/// tested without Azure: <c>RunTask</c> becomes an activity, <c>StartTimer</c> a durable timer, and
/// <c>WhenAny</c> waits for the next completion, which goes back to the decider as an event.
/// </summary>
public static class RunOrchestrationLoop
{
    /// <summary>
    /// Runs one generation of a run orchestration. Returns the outcome when the run completed, or null after it
    /// called continue-as-new (the orchestrator function must then return at once).
    /// </summary>
    public static Task<RunOutcome?> RunAsync(IOrchestrationPort port, PipelineRunInput input, RunLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(input);
        return new RunLoopSession(port, options ?? new RunLoopOptions()).RunAsync(input);
    }
}
