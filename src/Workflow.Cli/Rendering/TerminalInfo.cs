namespace Workflow.Cli.Rendering;

/// <summary>What is known about the terminal the CLI writes to; captured once, so tests can state it.</summary>
public sealed record TerminalInfo(bool OutputRedirected, string? Term, int Height, bool AnsiSupported)
{
    /// <summary>A terminal that cannot host a live display: what tests and pipes look like.</summary>
    public static TerminalInfo NonInteractive { get; } = new(true, "dumb", 0, false);
}
