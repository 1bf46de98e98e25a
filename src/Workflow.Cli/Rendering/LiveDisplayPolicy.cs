namespace Workflow.Cli.Rendering;

/// <summary>
/// Decides between the live (redrawn) display and plain progress lines. Spectre's live display throws when the
/// console has no height and garbles pipes and dumb terminals, so anything short of a real ANSI terminal gets lines.
/// </summary>
public static class LiveDisplayPolicy
{
    public static bool CanUseLive(TerminalInfo terminal, bool plainRequested) =>
        !plainRequested
        && !terminal.OutputRedirected
        && terminal.AnsiSupported
        && terminal.Height > 0
        && !string.Equals(terminal.Term, "dumb", StringComparison.OrdinalIgnoreCase);
}
