using System.CommandLine;

namespace Workflow.Cli.Commands;

/// <summary>Options every command accepts: which server, and which token.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Server { get; } = new("--server", "-s")
    {
        Description = "The Workflow server URL (default: $WF_SERVER, else http://127.0.0.1:5080).",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "A bearer token (default: $WF_TOKEN, else the token saved by `wf login`).",
        Recursive = true,
    };
}
