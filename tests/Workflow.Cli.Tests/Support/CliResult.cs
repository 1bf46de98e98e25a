namespace Workflow.Cli.Tests.Support;

/// <summary>What one <c>wf</c> invocation produced.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
