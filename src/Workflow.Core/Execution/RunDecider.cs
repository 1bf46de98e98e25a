namespace Workflow.Execution;

/// <summary>
/// The run decider: <c>Decide(state, event) -> (state', commands)</c>, a pure function with no clock,
/// no I/O and no randomness. Both shells drive it.
/// </summary>
public static class RunDecider
{
    /// <summary>The state before the first event.</summary>
    public static RunState Initial => throw new NotImplementedException("The run decider lands with issue 3.");

    public static RunDecision Decide(RunState state, RunEvent @event) =>
        throw new NotImplementedException("The run decider lands with issue 3.");
}

/// <summary>The state after an event and the commands the shell must carry out.</summary>
public sealed record RunDecision(RunState State, IReadOnlyList<RunCommand> Commands);

/// <summary>The decider's state: plain data that serializes to JSON. Its shape is owned by the decider.</summary>
public sealed class RunState;
