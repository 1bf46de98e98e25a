using System.CommandLine;
using Workflow.Cli.Commands;

namespace Workflow.Cli;

/// <summary>The entry point of <c>wf</c>, shared by the executable and the in-process tests.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        var root = CliCommands.Build(env);
        var configuration = new InvocationConfiguration { Output = env.Out, Error = env.Error };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
