namespace Workflow.Execution;

/// <summary>The state after an event and the commands the shell must carry out, in order.</summary>
public sealed record RunDecision(RunState State, IReadOnlyList<RunCommand> Commands);
