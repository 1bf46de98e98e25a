namespace Workflow.Cli;

/// <summary>The process exit codes of <c>wf</c>, so scripts can tell a failed run from a failed command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command failed: a server error, a validation problem, a bad option or file.</summary>
    public const int Error = 1;

    /// <summary>A watched run ended, but not with success (failed or cancelled).</summary>
    public const int RunNotSucceeded = 2;

    /// <summary>No answer from the server: connection refused, unknown host, timeout.</summary>
    public const int Unreachable = 3;

    /// <summary>Interrupted (Ctrl+C) while waiting; the run itself goes on.</summary>
    public const int Interrupted = 130;
}
