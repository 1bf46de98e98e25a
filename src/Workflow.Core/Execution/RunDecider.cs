namespace Workflow.Execution;

/// <summary>
/// The run decider: <c>Decide(state, event) -> (state', commands)</c>, a deterministic function with no
/// clock, no I/O and no randomness (time arrives on events), which both shells drive. It defines what a
/// run means: trigger rules, dispatch order, retries, timeouts, dynamic maps, child runs, cancellation.
/// </summary>
/// <remarks>
/// For speed on large runs the state is updated in place and returned, so each step costs in proportion
/// to the tasks the event touches rather than to the size of the DAG. The caller must treat the state it
/// passes in as consumed. <see cref="Snapshot"/> and <see cref="Restore"/> copy a state through its JSON
/// form; restoring a snapshot and applying the remaining events gives the same state and commands as
/// applying all events to the original.
/// </remarks>
public static class RunDecider
{
    /// <summary>A fresh state before the first event; each call returns a new object.</summary>
    public static RunState Initial => new();

    /// <summary>Applies one event. Events before <see cref="RunStarted"/> and after completion change nothing.</summary>
    public static RunDecision Decide(RunState state, RunEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return RunStep.Apply(state, @event);
    }

    /// <summary>The state as JSON, for history compaction (for example ContinueAsNew) and persistence.</summary>
    public static string Snapshot(RunState state) => RunJson.Serialize(state);

    /// <summary>A state read back from <see cref="Snapshot"/>; its indexes are rebuilt on the next event.</summary>
    public static RunState Restore(string snapshot) => RunJson.DeserializeState(snapshot);

    /// <summary>Applies events in order and returns the last state with every command, for replay and tests.</summary>
    public static RunDecision DecideAll(RunState state, IEnumerable<RunEvent> events)
    {
        var commands = new List<RunCommand>();
        foreach (var @event in events)
        {
            var decision = Decide(state, @event);
            state = decision.State;
            commands.AddRange(decision.Commands);
        }

        return new RunDecision(state, commands);
    }
}
