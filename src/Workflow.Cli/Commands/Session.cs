using Workflow.Cli.Api;
using Workflow.Cli.Config;

namespace Workflow.Cli.Commands;

/// <summary>What one command invocation works with: the process environment, the API client and the token store.</summary>
public sealed record Session(CliEnvironment Env, WorkflowApi Api, TokenStore Tokens, ConnectionSettings Settings)
{
    public TextWriter Out => Env.Out;
}
